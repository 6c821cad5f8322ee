/*
 * Wegwijzer onderwijs · jeugd · zorg — chatwidget om in te bouwen op een gemeentewebsite.
 *
 *   <script src="https://<host>/static/widget/wegwijzer.js" data-region="foodvalley" data-gemeente="ede" defer></script>
 *
 * Optioneel: data-gemeente-naam="Ede" (weergavenaam), data-modus="pagina" + data-container="<id>"
 * (gesprek in de pagina zelf, zonder knop), data-api="https://<host>/api/bericht".
 * Onder een antwoord met loketkaarten staan duimpjes; die sturen alleen het situatie-id en "goed" of
 * "niet_goed" naar <api>/../feedback (geen gespreksnummer, geen tekst).
 *
 * Veiligheid: geen innerHTML, geen inline script of style, geen cookies, geen verzoeken aan derden.
 * Alle tekst van de bot en de gebruiker komt via textContent in de pagina; links worden met
 * createElement gebouwd en alleen toegestaan voor https:, tel: en mailto:.
 * Het gesprek (willekeurig id + zichtbare berichten) staat alleen in sessionStorage van dit tabblad.
 */
(function () {
  "use strict";

  var script = document.currentScript || document.querySelector('script[src*="/widget/wegwijzer.js"]');
  if (!script || !script.src || document.querySelector("[data-wegwijzer-widget]")) {
    return;
  }

  var SCRIPT_URL = new URL(script.src, document.baseURI);
  var cfg = {
    regio: clean(script.getAttribute("data-region"), /^[a-z0-9_-]{1,40}$/i) || "",
    gemeente: clean(script.getAttribute("data-gemeente"), /^[a-z0-9'_ -]{1,60}$/i) || "",
    gemeenteNaam: (script.getAttribute("data-gemeente-naam") || "").slice(0, 60),
    modus: script.getAttribute("data-modus") === "pagina" ? "pagina" : "knop",
    container: script.getAttribute("data-container") || "",
    api: apiUrl(script.getAttribute("data-api"))
  };
  cfg.feedbackApi = new URL("feedback", cfg.api).href;
  var CSS_URL = new URL("wegwijzer.css", SCRIPT_URL).href;
  var STORAGE_KEY = "wegwijzer:v1:" + (cfg.regio || "algemeen");
  var MAX_ENTRIES = 200;
  var MAX_CHARS = 2000;
  var SUMMARY_PREFIX = "Mijn situatie (samenvatting van de Wegwijzer)";
  var SENDER_RE = /^[A-Za-z0-9_-]{8,64}$/;
  var SITUATION_RE = /^[a-z0-9_]{1,60}$/;
  var FEEDBACK_VALUES = { goed: true, niet_goed: true };
  var TOOLBAR_PAYLOADS = { "/vraag_mens": true, "/opnieuw": true, "/vergeet_gesprek": true };
  var FORGOTTEN = "gesprek_vergeten"; // custom payload of the bot's reply after it deleted the conversation
  var RETRY_DELAYS = [1000, 2000, 4000, 8000]; // ms: the web service may be restarting; same session id

  var T = {
    knop: "Vraag de Wegwijzer",
    titel: "Wegwijzer",
    ondertitel: "onderwijs · jeugd · zorg",
    sluit: "Sluit de Wegwijzer",
    privacy: "Noem geen namen of andere persoonsgegevens. Die zijn niet nodig. Bij direct gevaar: bel ",
    welkom: "Hoi! Ik ben de Wegwijzer. Ik help je de juiste plek te vinden voor vragen over school, opvoeden, " +
      "jeugdhulp en zorg. Vertel in je eigen woorden wat er speelt.",
    log: "Gesprek met de Wegwijzer",
    jij: "Jij: ",
    bot: "Wegwijzer: ",
    invoerLabel: "Jouw bericht",
    invoerHint: "Druk op Enter om te versturen.",
    placeholder: "Typ hier je vraag",
    verstuur: "Verstuur",
    mens: "Praat met een mens",
    opnieuw: "Opnieuw beginnen",
    wis: "Wis dit gesprek",
    acties: "Meer keuzes",
    denkt: "De Wegwijzer zoekt het uit",
    fout: "Het lukt nu even niet om je bericht te versturen. Probeer het zo opnieuw. " +
      "Heb je nu hulp nodig? Bel dan het wijkteam of lokaal team van je gemeente. Bij direct gevaar: bel 112.",
    leeg: "Ik heb daar geen antwoord op. Probeer het in andere woorden.",
    teLang: "Je bericht is te lang. Gebruik maximaal " + MAX_CHARS + " tekens.",
    keuzes: "Kies een antwoord",
    stap: "Stap ",
    contactpersoon: "Contactpersoon",
    telefoon: "Telefoon",
    email: "E-mail",
    website: "Website",
    chat: "Chat",
    bereikbaar: "Bereikbaar",
    waarom: "Waarom hier",
    wet: "Wet",
    volgende: "Ga naar de volgende stap als",
    zoekOp: "Kijk op de website van je gemeente voor het adres en telefoonnummer.",
    gecontroleerd: "Gegevens gecontroleerd op ",
    nieuwTabblad: " (opent in een nieuw tabblad)",
    kopieer: "Kopieer",
    download: "Download",
    samenvattingActies: "Samenvatting bewaren",
    gekopieerd: "De samenvatting staat op je klembord.",
    nietGekopieerd: "Kopiëren lukte niet. Selecteer de tekst en kopieer hem zelf.",
    gedownload: "De samenvatting is gedownload als tekstbestand.",
    bestand: "mijn-situatie-wegwijzer.txt",
    opnieuwBegonnen: "We beginnen opnieuw. Wat je eerder vertelde, gebruik ik niet meer.",
    feedbackVraag: "Had je iets aan dit antwoord?",
    feedbackJa: "Ja",
    feedbackNee: "Nee",
    feedbackJaLabel: "Ja, dit antwoord helpt me",
    feedbackNeeLabel: "Nee, dit antwoord helpt me niet",
    feedbackDank: "Bedankt voor je reactie.",
    feedbackFout: "Je reactie kon niet worden verstuurd. Probeer het later nog eens."
  };
  var MAANDEN = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
    "oktober", "november", "december"];

  function clean(value, re) {
    value = (value || "").trim();
    return re.test(value) ? value : "";
  }

  function apiUrl(value) {
    var fallback = new URL("/api/bericht", SCRIPT_URL).href;
    if (!value) return fallback;
    try {
      var u = new URL(value, SCRIPT_URL);
      return (u.protocol === "https:" || u.origin === SCRIPT_URL.origin) ? u.href : fallback;
    } catch (e) {
      return fallback;
    }
  }

  function displayName(slug) {
    var small = { en: 1, aan: 1, de: 1, den: 1, op: 1, van: 1, "'s": 1 };
    return slug.split(/[-_\s]+/).map(function (w, i) {
      w = w.toLowerCase();
      return (i > 0 && small[w]) ? w : w.charAt(0).toUpperCase() + w.slice(1);
    }).join(" ");
  }

  /* ---------- storage: per tab, never shared ---------- */

  function newSender() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return "ww" + Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  var memoryStore = null;

  function loadState() {
    var raw = null;
    try { raw = window.sessionStorage.getItem(STORAGE_KEY); } catch (e) { raw = memoryStore; }
    var data = null;
    try { data = raw ? JSON.parse(raw) : null; } catch (e) { data = null; }
    if (!data || typeof data !== "object" || !SENDER_RE.test(data.sender || "") || !Array.isArray(data.log)) {
      return { sender: newSender(), log: [], open: false };
    }
    return { sender: data.sender, log: data.log.filter(validEntry).slice(-MAX_ENTRIES), open: data.open === true };
  }

  function saveState() {
    state.log = state.log.slice(-MAX_ENTRIES);
    var raw = JSON.stringify({ sender: state.sender, log: state.log, open: state.open });
    try { window.sessionStorage.setItem(STORAGE_KEY, raw); } catch (e) { memoryStore = raw; }
  }

  function validEntry(e) {
    if (!e || typeof e !== "object") return false;
    if (e.t === "q") return Array.isArray(e.buttons);
    if (e.t === "k") return e.card && typeof e.card === "object";
    if (e.t === "f") return SITUATION_RE.test(e.situatie || "") && (e.waarde === "" || FEEDBACK_VALUES[e.waarde] === true);
    return (e.t === "u" || e.t === "b" || e.t === "s") && typeof e.text === "string";
  }

  /* ---------- small DOM helpers (never innerHTML) ---------- */

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function svg(pathData, className) {
    var NS = "http://www.w3.org/2000/svg";
    var s = document.createElementNS(NS, "svg");
    s.setAttribute("viewBox", "0 0 24 24");
    s.setAttribute("aria-hidden", "true");
    s.setAttribute("focusable", "false");
    s.setAttribute("class", className || "ww-icoon");
    var p = document.createElementNS(NS, "path");
    p.setAttribute("d", pathData);
    s.appendChild(p);
    return s;
  }

  var ICON_CHAT = "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2zm3 6a1.25 1.25 0 1 0 0 2.5A1.25 1.25 0 0 0 7 10zm5 0a1.25 1.25 0 1 0 0 2.5 1.25 1.25 0 0 0 0-2.5zm5 0a1.25 1.25 0 1 0 0 2.5 1.25 1.25 0 0 0 0-2.5z";
  var ICON_CLOSE = "M6.4 5 5 6.4 10.6 12 5 17.6 6.4 19l5.6-5.6 5.6 5.6 1.4-1.4-5.6-5.6L19 6.4 17.6 5 12 10.6z";
  var ICON_SEND = "M3 20.5 21.5 12 3 3.5v6.6L15 12 3 13.9z";
  var ICON_THUMB_UP = "M1 21h4V9H1v12zm22-11c0-1.1-.9-2-2-2h-6.31l.95-4.57.03-.32c0-.41-.17-.79-.44-1.06L14.17 1 7.59 7.59C7.22 7.95 7 8.45 7 9v10c0 1.1.9 2 2 2h9c.83 0 1.54-.5 1.84-1.22l3.02-7.05c.09-.23.14-.47.14-.73v-2z";
  var ICON_THUMB_DOWN = "M15 3H6c-.83 0-1.54.5-1.84 1.22l-3.02 7.05c-.09.23-.14.47-.14.73v2c0 1.1.9 2 2 2h6.31l-.95 4.57-.03.32c0 .41.17.79.44 1.06L9.83 23l6.59-6.59c.36-.36.58-.86.58-1.41V5c0-1.1-.9-2-2-2zm4 0v12h4V3h-4z";

  function button(className, text) {
    var b = el("button", className, text);
    b.type = "button";
    return b;
  }

  function srOnly(text) {
    return el("span", "ww-sr", text);
  }

  /* ---------- safe links ---------- */

  function safeHref(href) {
    try {
      var u = new URL(href);
      if (u.protocol === "https:" || u.protocol === "tel:" || u.protocol === "mailto:") return u.href;
    } catch (e) { /* not a URL */ }
    return null;
  }

  function link(href, text, external) {
    var safe = safeHref(href);
    if (!safe) return document.createTextNode(text);
    var a = el("a", "ww-link", text);
    a.href = safe;
    if (external) {
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      a.appendChild(srOnly(T.nieuwTabblad));
    }
    return a;
  }

  function phoneDigits(phone) {
    var p = String(phone).trim();
    var digits = p.replace(/\D/g, "");
    return (p.charAt(0) === "+" ? "+" : "") + digits;
  }

  function phoneLink(phone) {
    var digits = phoneDigits(phone);
    if (digits.replace("+", "").length < 3) return document.createTextNode(phone);
    return link("tel:" + digits, phone, false);
  }

  function emailLink(email) {
    email = String(email).trim();
    if (!/^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/.test(email)) return document.createTextNode(email);
    return link("mailto:" + email, email, false);
  }

  function webUrl(value) {
    value = String(value || "").trim();
    if (/^[a-z0-9.-]+\.[a-z]{2,}(\/\S*)?$/i.test(value)) value = "https://" + value;
    try {
      var u = new URL(value);
      return u.protocol === "https:" ? u : null;
    } catch (e) {
      return null;
    }
  }

  function webLink(value) {
    var u = webUrl(value);
    if (!u) return document.createTextNode(String(value));
    var shown = (u.host + u.pathname + u.search).replace(/\/$/, "");
    return link(u.href, shown, true);
  }

  // Plain bot text with https:// addresses, e-mail addresses and Dutch phone numbers made clickable.
  var TOKEN_RE = /(https:\/\/[^\s<>"]+)|([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})|(0[0-9 -]{6,14}[0-9])|(\b11[23]\b)/g;

  function isPhone(candidate) {
    var d = candidate.replace(/\D/g, "");
    return d.length === 10 || (/^0[89]00/.test(d) && d.length >= 8 && d.length <= 11);
  }

  function richText(text) {
    var frag = document.createDocumentFragment();
    var last = 0;
    var m;
    TOKEN_RE.lastIndex = 0;
    while ((m = TOKEN_RE.exec(text)) !== null) {
      var token = m[0];
      var node = null;
      var trail = "";
      if (m[1]) {
        var cut = token.match(/[.,;:!?)]+$/);
        if (cut) { trail = cut[0]; token = token.slice(0, -trail.length); }
        node = webUrl(token) ? link(token, token, true) : null;
      } else if (m[2]) {
        node = emailLink(token);
      } else if (m[3]) {
        node = isPhone(token) ? phoneLink(token) : null;
      } else if (m[4]) {
        node = phoneLink(token);
      }
      if (!node) continue;
      frag.appendChild(document.createTextNode(text.slice(last, m.index)));
      frag.appendChild(node);
      if (trail) frag.appendChild(document.createTextNode(trail));
      last = m.index + m[0].length;
    }
    frag.appendChild(document.createTextNode(text.slice(last)));
    return frag;
  }

  function dutchDate(value) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(value || ""));
    if (!m) return String(value || "");
    var month = MAANDEN[parseInt(m[2], 10) - 1];
    return month ? parseInt(m[3], 10) + " " + month + " " + m[1] : String(value);
  }

  /* ---------- the bot's reply → entries ---------- */

  var CARD_FIELDS = ["naam", "actie", "waarom", "rol", "bereiken", "wet", "wet_uitleg", "telefoon", "email", "website",
    "chat", "openingstijden", "gemeente", "gecontroleerd", "situatie"];

  function cleanCard(c) {
    var out = { stap: typeof c.stap === "number" ? c.stap : parseInt(c.stap, 10) || null, lokaal: c.lokaal === true };
    CARD_FIELDS.forEach(function (f) {
      out[f] = (typeof c[f] === "string" || typeof c[f] === "number") ? String(c[f]).slice(0, 2000) : "";
    });
    return out;
  }

  function cleanButtons(list) {
    return list.filter(function (b) {
      return b && typeof b.title === "string" && b.title && typeof b.payload === "string" && b.payload;
    }).slice(0, 12).map(function (b) {
      return { title: b.title.slice(0, 200), payload: b.payload.slice(0, MAX_CHARS) };
    });
  }

  function isCard(item) {
    return item && item.custom && typeof item.custom === "object" && item.custom.type === "loketkaart";
  }

  function entriesFromReply(items) {
    var out = [];
    var situation = "";
    for (var i = 0; i < items.length; i++) {
      var m = items[i];
      if (!m || typeof m !== "object") continue;
      if (typeof m.text === "string" && m.text) {
        if (isCard(items[i + 1])) {
          out.push({ t: "k", card: cleanCard(items[i + 1].custom), text: m.text });
          situation = situation || out[out.length - 1].card.situatie;
        } else if (m.text.indexOf(SUMMARY_PREFIX) === 0) {
          out.push({ t: "s", text: m.text });
        } else {
          out.push({ t: "b", text: m.text });
        }
      } else if (isCard(m) && !(items[i - 1] && typeof items[i - 1].text === "string" && items[i - 1].text)) {
        out.push({ t: "k", card: cleanCard(m.custom), text: "" });
        situation = situation || out[out.length - 1].card.situatie;
      }
      if (Array.isArray(m.buttons)) {
        // "Praat met een mens" and "Opnieuw beginnen" are always at the bottom of the panel: no doubles.
        var buttons = cleanButtons(m.buttons).filter(function (b) { return !TOOLBAR_PAYLOADS[b.payload]; });
        if (buttons.length) out.push({ t: "q", buttons: buttons });
      }
    }
    if (SITUATION_RE.test(situation)) {
      // thumbs under the answer, above its quick replies (those stay just before the text box)
      var at = out.length;
      while (at > 0 && out[at - 1].t === "q") at--;
      out.splice(at, 0, { t: "f", situatie: situation, waarde: "" });
    }
    return out;
  }

  /* ---------- building the widget ---------- */

  var state = loadState();
  var busy = false;
  var ui = {};

  var host = document.createElement("div");
  host.setAttribute("data-wegwijzer-widget", "");
  host.className = "wegwijzer-widget";
  var root = host.attachShadow ? host.attachShadow({ mode: "open" }) : host;

  var stylesheet = document.createElement("link");
  stylesheet.rel = "stylesheet";
  stylesheet.href = CSS_URL;
  root.appendChild(stylesheet);

  var wrapper = el("div", "ww-root ww-modus-" + cfg.modus);
  wrapper.hidden = true; // until the stylesheet has loaded: no flash of unstyled content
  root.appendChild(wrapper);

  function uid(name) {
    return "ww-" + name;
  }

  function buildLauncher() {
    var b = button("ww-launcher");
    b.id = uid("launcher");
    b.setAttribute("aria-expanded", "false");
    b.setAttribute("aria-controls", uid("paneel"));
    b.appendChild(svg(ICON_CHAT));
    b.appendChild(el("span", "ww-launcher-tekst", T.knop));
    b.addEventListener("click", function () {
      if (state.open) close(); else open(true);
    });
    return b;
  }

  function buildPanel() {
    var panel = el("section", "ww-paneel");
    panel.id = uid("paneel");
    panel.setAttribute("aria-labelledby", uid("titel"));
    if (cfg.modus === "knop") {
      panel.setAttribute("role", "dialog");
      panel.setAttribute("aria-modal", "false");
      panel.hidden = true;
    }

    var header = el("header", "ww-kop");
    var titles = el("div", "ww-kop-teksten");
    var h = el("h2", "ww-titel", T.titel);
    h.id = uid("titel");
    titles.appendChild(h);
    titles.appendChild(el("p", "ww-ondertitel", T.ondertitel));
    var gemeente = cfg.gemeenteNaam || (cfg.gemeente ? displayName(cfg.gemeente) : "");
    if (gemeente) {
      var g = el("p", "ww-gemeente", "Gemeente " + gemeente);
      titles.appendChild(g);
    }
    header.appendChild(titles);
    if (cfg.modus === "knop") {
      var x = button("ww-sluit");
      x.setAttribute("aria-label", T.sluit);
      x.appendChild(svg(ICON_CLOSE));
      x.addEventListener("click", function () { close(); });
      header.appendChild(x);
    }
    panel.appendChild(header);

    var privacy = el("p", "ww-privacy");
    privacy.appendChild(document.createTextNode(T.privacy));
    privacy.appendChild(phoneLink("112"));
    privacy.appendChild(document.createTextNode("."));
    panel.appendChild(privacy);

    var log = el("div", "ww-log");
    log.id = uid("log");
    log.setAttribute("role", "log");
    log.setAttribute("aria-live", "polite");
    log.setAttribute("aria-relevant", "additions");
    log.setAttribute("aria-label", T.log);
    log.setAttribute("aria-busy", "false");
    log.tabIndex = 0;
    ui.log = log;
    panel.appendChild(log);

    var thinking = el("p", "ww-denkt");
    thinking.setAttribute("aria-hidden", "true");
    thinking.appendChild(document.createTextNode(T.denkt));
    var dots = el("span", "ww-puntjes");
    dots.appendChild(el("span", "", "."));
    dots.appendChild(el("span", "", "."));
    dots.appendChild(el("span", "", "."));
    thinking.appendChild(dots);
    thinking.hidden = true;
    ui.thinking = thinking;
    panel.appendChild(thinking);

    var status = el("p", "ww-sr");
    status.setAttribute("role", "status");
    ui.status = status;
    panel.appendChild(status);

    var form = el("form", "ww-invoer");
    form.noValidate = true;
    var label = el("label", "ww-sr", T.invoerLabel);
    label.htmlFor = uid("invoer");
    var input = el("textarea", "ww-tekstvak");
    input.id = uid("invoer");
    input.name = "bericht";
    input.rows = 2;
    input.maxLength = MAX_CHARS;
    input.placeholder = T.placeholder;
    input.autocomplete = "off";
    input.setAttribute("aria-describedby", uid("hint"));
    var hint = el("span", "ww-sr", T.invoerHint);
    hint.id = uid("hint");
    var send = el("button", "ww-verstuur");
    send.type = "submit";
    send.appendChild(svg(ICON_SEND));
    send.appendChild(el("span", "ww-verstuur-tekst", T.verstuur));
    form.appendChild(label);
    form.appendChild(input);
    form.appendChild(hint);
    form.appendChild(send);
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      submitInput();
    });
    input.addEventListener("keydown", function (e) {
      if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        submitInput();
      }
    });
    ui.input = input;
    panel.appendChild(form);

    var tools = el("div", "ww-acties");
    tools.setAttribute("role", "group");
    tools.setAttribute("aria-label", T.acties);
    var human = button("ww-actie", T.mens);
    human.addEventListener("click", function () { send_("/vraag_mens", T.mens); });
    var restartBtn = button("ww-actie", T.opnieuw);
    restartBtn.addEventListener("click", restart);
    var forgetBtn = button("ww-actie", T.wis);
    forgetBtn.addEventListener("click", function () { send_("/vergeet_gesprek", T.wis); });
    tools.appendChild(human);
    tools.appendChild(restartBtn);
    tools.appendChild(forgetBtn);
    panel.appendChild(tools);

    panel.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && cfg.modus === "knop" && state.open) {
        e.preventDefault();
        e.stopPropagation();
        close();
      }
    });
    return panel;
  }

  /* ---------- rendering entries ---------- */

  function speaker(node, who) {
    node.insertBefore(srOnly(who === "u" ? T.jij : T.bot), node.firstChild);
  }

  function renderText(entry) {
    var div = el("div", "ww-bericht " + (entry.t === "u" ? "ww-gebruiker" : "ww-bot"));
    if (entry.t === "u") {
      div.appendChild(el("span", "ww-tekst", entry.text));
    } else {
      var span = el("span", "ww-tekst");
      span.appendChild(richText(entry.text));
      div.appendChild(span);
    }
    speaker(div, entry.t);
    return div;
  }

  function extraLine(text, prefix) {
    var lines = String(text || "").split("\n");
    for (var i = 0; i < lines.length; i++) {
      if (lines[i].indexOf(prefix) === 0) return lines[i].slice(prefix.length).replace(/^[:\s]+/, "");
    }
    return "";
  }

  function addRow(dl, term, content, short) {
    if (!content) return;
    var row = el("div", "ww-kaart-rij" + (short ? " ww-kort" : ""));
    row.appendChild(el("dt", "", term));
    var dd = el("dd");
    if (typeof content === "string") dd.textContent = content; else dd.appendChild(content);
    row.appendChild(dd);
    dl.appendChild(row);
  }

  function renderCard(entry) {
    var c = entry.card;
    var div = el("div", "ww-bericht ww-bot ww-kaart-bericht");
    var card = el("article", "ww-kaart");
    if (c.stap) card.appendChild(el("p", "ww-kaart-stap", T.stap + c.stap));
    card.appendChild(el("h3", "ww-kaart-naam", c.naam));
    if (c.actie) card.appendChild(el("p", "ww-kaart-actie", c.actie));
    var dl = el("dl", "ww-kaart-gegevens");
    if (c.rol) addRow(dl, T.contactpersoon, c.rol + (c.bereiken ? ". " + c.bereiken : ""));
    if (c.telefoon) addRow(dl, T.telefoon, phoneLink(c.telefoon), true);
    if (c.email) addRow(dl, T.email, emailLink(c.email), true);
    if (c.website) addRow(dl, T.website, webLink(c.website), true);
    if (c.chat && webUrl(c.chat)) addRow(dl, T.chat, webLink(c.chat), true);
    if (c.openingstijden) addRow(dl, T.bereikbaar, c.openingstijden);
    var hasContact = c.telefoon || c.email || c.website || (c.chat && webUrl(c.chat));
    if (!hasContact && (!c.lokaal || String(entry.text).indexOf(T.zoekOp) !== -1)) {
      dl.appendChild(el("p", "ww-kaart-tip", T.zoekOp));
    }
    addRow(dl, T.waarom, c.waarom);
    if (c.wet) {
      var law = document.createDocumentFragment();
      law.appendChild(el("strong", "", c.wet + (c.wet_uitleg ? "." : "")));
      if (c.wet_uitleg) law.appendChild(document.createTextNode(" " + c.wet_uitleg));
      addRow(dl, T.wet, law);
    }
    addRow(dl, T.volgende, extraLine(entry.text, T.volgende));
    card.appendChild(dl);
    if (c.gecontroleerd) card.appendChild(el("p", "ww-kaart-controle", T.gecontroleerd + dutchDate(c.gecontroleerd)));
    div.appendChild(card);
    speaker(div, "b");
    return div;
  }

  function renderSummary(entry) {
    var div = el("div", "ww-bericht ww-bot ww-samenvatting");
    var pre = el("p", "ww-tekst ww-samenvatting-tekst", entry.text);
    div.appendChild(pre);
    var row = el("div", "ww-samenvatting-knoppen");
    row.setAttribute("role", "group");
    row.setAttribute("aria-label", T.samenvattingActies);
    var copy = button("ww-knop-secundair", T.kopieer);
    copy.addEventListener("click", function () { copySummary(entry.text, pre); });
    var download = button("ww-knop-secundair", T.download);
    download.addEventListener("click", function () { downloadSummary(entry.text); });
    row.appendChild(copy);
    row.appendChild(download);
    div.appendChild(row);
    speaker(div, "b");
    return div;
  }

  function renderFeedback(entry) {
    var wrap = el("div", "ww-feedback");
    wrap.setAttribute("role", "group");
    wrap.setAttribute("aria-label", T.feedbackVraag);
    wrap.appendChild(el("p", "ww-feedback-vraag", T.feedbackVraag));
    var row = el("div", "ww-feedback-knoppen");
    var thanks = el("p", "ww-feedback-dank", T.feedbackDank);
    var pending = false;
    var choices = [["goed", T.feedbackJa, T.feedbackJaLabel, ICON_THUMB_UP], ["niet_goed", T.feedbackNee, T.feedbackNeeLabel, ICON_THUMB_DOWN]];
    var buttons = choices.map(function (c) {
      var b = button("ww-feedback-knop");
      b.setAttribute("aria-label", c[2]);
      b.setAttribute("data-waarde", c[0]);
      b.appendChild(svg(c[3]));
      b.appendChild(el("span", "", c[1]));
      b.addEventListener("click", function () {
        if (entry.waarde || pending) return;
        pending = true;
        giveFeedback(entry, c[0]).then(function () {
          pending = false;
          update();
        });
      });
      row.appendChild(b);
      return b;
    });
    function update() {
      buttons.forEach(function (b) {
        b.setAttribute("aria-pressed", b.getAttribute("data-waarde") === entry.waarde ? "true" : "false");
        if (entry.waarde) b.setAttribute("aria-disabled", "true"); else b.removeAttribute("aria-disabled");
      });
      thanks.hidden = !entry.waarde;
    }
    update();
    wrap.appendChild(row);
    wrap.appendChild(thanks);
    return wrap;
  }

  function renderButtons(entry) {
    var wrap = el("div", "ww-keuzes");
    wrap.setAttribute("role", "group");
    wrap.setAttribute("aria-label", T.keuzes);
    entry.buttons.forEach(function (b) {
      var btn = button("ww-keuze", b.title);
      btn.addEventListener("click", function () {
        if (b.payload === "/opnieuw") restart(); else send_(b.payload, b.title);
        ui.input.focus();
      });
      wrap.appendChild(btn);
    });
    return wrap;
  }

  function render(entry) {
    if (entry.t === "k") return renderCard(entry);
    if (entry.t === "s") return renderSummary(entry);
    if (entry.t === "q") return renderButtons(entry);
    if (entry.t === "f") return renderFeedback(entry);
    return renderText(entry);
  }

  function renderWelcome() {
    var w = renderText({ t: "b", text: T.welkom });
    w.classList.add("ww-welkom");
    return w;
  }

  function append(entry) {
    state.log.push(entry);
    var node = render(entry);
    ui.log.appendChild(node);
    return node;
  }

  function removeQuickReplies() {
    state.log = state.log.filter(function (e) { return e.t !== "q"; });
    var groups = ui.log.querySelectorAll(".ww-keuzes");
    for (var i = 0; i < groups.length; i++) groups[i].parentNode.removeChild(groups[i]);
  }

  function scrollTo(node) {
    var log = ui.log;
    if (!node) {
      log.scrollTop = log.scrollHeight;
      return;
    }
    log.scrollTop = Math.max(0, node.offsetTop - 8);
  }

  function setBusy(value) {
    busy = value;
    ui.log.setAttribute("aria-busy", value ? "true" : "false");
    ui.thinking.hidden = !value;
  }

  function announce(text) {
    ui.status.textContent = "";
    window.setTimeout(function () { ui.status.textContent = text; }, 50);
  }

  /* ---------- talking to the web service ---------- */

  function post(message, sender, isNew, attempt) {
    attempt = attempt || 0;
    var body = { sender: sender, message: message };
    if (isNew) body.nieuw = true; // counted as a new conversation (anonymously)
    return fetch(cfg.api, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
      credentials: "omit",
      cache: "no-store",
      referrerPolicy: "no-referrer"
    }).then(function (response) {
      return response.json().catch(function () { return null; }).then(function (body) {
        if (Array.isArray(body)) return body; // 200, and 503 with a Dutch error text
        if (response.status === 422) return [{ text: T.teLang }];
        throw new Error("status " + response.status);
      });
    }, function (error) {
      // Not reachable (e.g. the web service restarts): try again with the same session id.
      if (attempt >= RETRY_DELAYS.length) throw error;
      return new Promise(function (resolve) { window.setTimeout(resolve, RETRY_DELAYS[attempt]); })
        .then(function () { return post(message, sender, isNew, attempt + 1); });
    });
  }

  function forgotten(items) {
    return (items || []).some(function (m) { return m && m.custom && m.custom.type === FORGOTTEN; });
  }

  function showReply(items) {
    var entries = entriesFromReply(items || []);
    if (!entries.length) entries = [{ t: "b", text: T.leeg }];
    var first = null;
    entries.forEach(function (e) {
      var node = append(e);
      if (!first) first = node;
    });
    return first;
  }

  function send_(message, shown) {
    message = String(message || "").trim();
    if (!message || busy) return;
    if (message.length > MAX_CHARS) {
      announce(T.teLang);
      return;
    }
    removeQuickReplies();
    var isNew = !state.log.some(function (e) { return e.t === "u"; });
    append({ t: "u", text: shown || message });
    saveState();
    scrollTo(null);
    setBusy(true);
    post(message, state.sender, isNew).then(function (items) {
      if (forgotten(items)) clearConversation(); // the bot deleted it: new session id, empty log
      return showReply(items);
    }, function () {
      return append({ t: "b", text: T.fout });
    }).then(function (first) {
      saveState();
      setBusy(false);
      scrollTo(first);
    });
  }

  function submitInput() {
    var text = ui.input.value.trim();
    if (!text || busy) return;
    ui.input.value = "";
    send_(text);
  }

  function clearConversation() {
    state.sender = newSender();
    state.log = [];
    while (ui.log.firstChild) ui.log.removeChild(ui.log.firstChild);
    ui.log.appendChild(renderWelcome());
  }

  function restart() {
    if (busy) return;
    var oldSender = state.sender;
    clearConversation();
    saveState();
    announce(T.opnieuwBegonnen);
    setBusy(true);
    // Tell the bot to forget the old conversation; its answer starts the new, empty log.
    post("/opnieuw", oldSender).then(function (items) {
      return showReply(items);
    }, function () { return null; }).then(function () {
      saveState();
      setBusy(false);
      scrollTo(null);
    });
    ui.input.focus();
  }

  /* ---------- feedback: thumbs up or down, once per answer ---------- */

  function giveFeedback(entry, value) {
    return fetch(cfg.feedbackApi, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ situatie: entry.situatie, waarde: value }),
      credentials: "omit",
      cache: "no-store",
      referrerPolicy: "no-referrer"
    }).then(function (response) {
      if (!response.ok) throw new Error("status " + response.status);
      entry.waarde = value;
      saveState();
      announce(T.feedbackDank);
    }).catch(function () {
      announce(T.feedbackFout);
    });
  }

  /* ---------- summary: copy and download ---------- */

  function copySummary(text, node) {
    function fallback() {
      var ok = false;
      try {
        var range = document.createRange();
        range.selectNodeContents(node);
        var sel = window.getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
        ok = document.execCommand("copy");
      } catch (e) { ok = false; }
      announce(ok ? T.gekopieerd : T.nietGekopieerd);
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () { announce(T.gekopieerd); }, fallback);
    } else {
      fallback();
    }
  }

  function downloadSummary(text) {
    var blob = new Blob(["\ufeff" + text.replace(/\n/g, "\r\n") + "\r\n"], { type: "text/plain;charset=utf-8" });
    var url = URL.createObjectURL(blob);
    var a = document.createElement("a");
    a.href = url;
    a.download = T.bestand;
    a.className = "ww-sr";
    root.appendChild(a);
    a.click();
    root.removeChild(a);
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
    announce(T.gedownload);
  }

  /* ---------- open / close ---------- */

  function open(focus) {
    state.open = true;
    ui.panel.hidden = false;
    ui.launcher.setAttribute("aria-expanded", "true");
    wrapper.classList.add("ww-open");
    saveState();
    scrollTo(null);
    if (focus) ui.input.focus();
  }

  function close() {
    state.open = false;
    ui.panel.hidden = true;
    ui.launcher.setAttribute("aria-expanded", "false");
    wrapper.classList.remove("ww-open");
    saveState();
    ui.launcher.focus();
  }

  /* ---------- start ---------- */

  ui.panel = buildPanel();
  ui.log.appendChild(renderWelcome());
  // Restore the conversation before the log is in the page, so a screen reader does not read it all again.
  state.log.forEach(function (e) { ui.log.appendChild(render(e)); });
  if (cfg.modus === "knop") {
    ui.launcher = buildLauncher();
    wrapper.appendChild(ui.panel);
    wrapper.appendChild(ui.launcher);
  } else {
    wrapper.appendChild(ui.panel);
  }

  function show() {
    wrapper.hidden = false;
    if (cfg.modus === "knop" && state.open) open(false);
    scrollTo(null);
  }
  stylesheet.addEventListener("load", show);
  stylesheet.addEventListener("error", show);

  // Any element of the host page with the attribute data-wegwijzer-open opens the widget.
  document.addEventListener("click", function (e) {
    var target = e.target && e.target.closest ? e.target.closest("[data-wegwijzer-open]") : null;
    if (!target || cfg.modus !== "knop") return;
    e.preventDefault();
    if (wrapper.hidden) show();
    open(true);
  });

  var container = cfg.modus === "pagina" && cfg.container ? document.getElementById(cfg.container) : null;
  function mount() {
    (container || document.body).appendChild(host);
  }
  if (document.body) mount(); else document.addEventListener("DOMContentLoaded", mount);
})();
