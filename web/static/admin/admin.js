/* Admin pages of the knowledge base. The token and name live in sessionStorage (this tab only) and go
   to /admin/api as "Authorization: Bearer". All text from the server is inserted with textContent. */
(function () {
  "use strict";

  var CODE = "wegwijzer.beheer.code";
  var WIE = "wegwijzer.beheer.wie";
  var store = window.sessionStorage;
  var params = new URLSearchParams(window.location.search);

  function $(id) { return document.getElementById(id); }

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (className) { node.className = className; }
    return node;
  }

  function when(iso) {
    var date = new Date(iso);
    return isNaN(date.getTime()) ? String(iso || "") : date.toLocaleString("nl-NL", { dateStyle: "medium", timeStyle: "short" });
  }

  function detailText(data) {
    return typeof data.detail === "string" ? data.detail : "Er ging iets mis. Probeer het opnieuw.";
  }

  function message(text, kind, link) {
    var box = $("melding");
    box.textContent = text || "";
    box.className = "melding melding-" + (kind || "fout");
    if (link) {
      box.appendChild(document.createTextNode(" "));
      var a = el("a", link.text);
      a.href = link.href;
      box.appendChild(a);
    }
    box.hidden = !text;
  }

  async function api(method, url, body) {
    var options = { method: method, headers: { Authorization: "Bearer " + (store.getItem(CODE) || "") }, cache: "no-store" };
    if (body instanceof FormData) {
      options.body = body;
    } else if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    var response;
    try {
      response = await fetch(url, options);
    } catch (error) {
      return { ok: false, status: 0, data: { detail: "De server is niet bereikbaar. Controleer je verbinding en probeer het opnieuw." } };
    }
    var data;
    try {
      data = await response.json();
    } catch (error) {
      data = { detail: "Onverwacht antwoord van de server (status " + response.status + ")." };
    }
    if (response.status === 401) { store.removeItem(CODE); }
    return { ok: response.ok, status: response.status, data: data };
  }

  function loggedIn() { return Boolean(store.getItem(CODE) && store.getItem(WIE)); }

  function showName() {
    var who = $("ingelogd-als");
    if (who && loggedIn()) {
      who.textContent = "Ingelogd als " + store.getItem(WIE);
      who.hidden = false;
    }
  }

  function needLogin() {
    message("Je bent niet (meer) ingelogd.", "fout", { text: "Naar inloggen", href: "/admin" });
  }

  /* ---------- check result: errors, or what changes for users ---------- */

  function issueList(items) {
    var list = el("ul", null, "meldingen");
    items.forEach(function (issue) {
      var where = issue.bestand + (issue.regel ? ", regel " + issue.regel : "") + (issue.veld ? ", veld " + issue.veld : "");
      var item = el("li");
      item.appendChild(el("strong", where + ": "));
      item.appendChild(document.createTextNode(issue.melding));
      list.appendChild(item);
    });
    return list;
  }

  function changeGroup(group) {
    var section = el("div", null, "groep");
    section.appendChild(el("h4", group.titel));
    [["toegevoegd", "Nieuw"], ["verwijderd", "Verwijderd"]].forEach(function (pair) {
      if (group[pair[0]].length) {
        section.appendChild(el("p", pair[1] + ": " + group[pair[0]].join(", ")));
      }
    });
    group.gewijzigd.forEach(function (item) {
      var table = el("table", null, "tabel tabel-klein");
      table.appendChild(el("caption", "Gewijzigd: " + item.naam));
      var head = el("tr");
      ["Veld", "Was", "Wordt"].forEach(function (title) {
        var th = el("th", title);
        th.scope = "col";
        head.appendChild(th);
      });
      var thead = el("thead");
      thead.appendChild(head);
      table.appendChild(thead);
      var body = el("tbody");
      item.velden.forEach(function (field) {
        var row = el("tr");
        var th = el("th", field.veld);
        th.scope = "row";
        row.appendChild(th);
        row.appendChild(el("td", field.oud, "oud"));
        row.appendChild(el("td", field.nieuw, "nieuw"));
        body.appendChild(row);
      });
      table.appendChild(body);
      section.appendChild(table);
    });
    return section;
  }

  function diffBlock(diff) {
    var details = el("details");
    details.appendChild(el("summary", "Alle tekstverschillen in het bestand"));
    var pre = el("pre", null, "diff");
    diff.split("\n").forEach(function (line) {
      var kind = line.charAt(0) === "+" && line.indexOf("+++") !== 0 ? "erbij"
        : line.charAt(0) === "-" && line.indexOf("---") !== 0 ? "eraf" : "";
      pre.appendChild(el("span", line, kind));
    });
    details.appendChild(pre);
    return details;
  }

  /* Shows the check result; returns true when it may be published. */
  function showCheck(result) {
    var box = $("controle");
    var data = result.data;
    box.textContent = "";
    $("resultaat").hidden = false;
    $("publiceer-blok").hidden = true;
    if (!result.ok) {
      box.appendChild(el("p", "Niet goedgekeurd. " + detailText(data), "fout-tekst"));
      if (data.fouten && data.fouten.length) {
        box.appendChild(el("h3", "Fouten (" + data.fouten.length + ")"));
        box.appendChild(issueList(data.fouten));
      }
    } else {
      box.appendChild(el("p", "Goedgekeurd: de hele kennisbank is gecontroleerd en in orde.", "goed-tekst"));
    }
    if (data.waarschuwingen && data.waarschuwingen.length) {
      box.appendChild(el("h3", "Waarschuwingen (" + data.waarschuwingen.length + ")"));
      box.appendChild(el("p", "Je mag publiceren met een waarschuwing, maar los hem wel op."));
      box.appendChild(issueList(data.waarschuwingen));
    }
    if (result.ok) {
      box.appendChild(el("h3", "Wat verandert er voor gebruikers?"));
      var list = el("ul");
      data.zinnen.forEach(function (line) { list.appendChild(el("li", line)); });
      box.appendChild(list);
      data.groepen.forEach(function (group) { box.appendChild(changeGroup(group)); });
      if (data.diff) { box.appendChild(diffBlock(data.diff)); }
      if (data.ongewijzigd) {
        box.appendChild(el("p", "Deze tekst is gelijk aan de versie die nu in gebruik is. Er is niets te publiceren."));
      }
    }
    $("resultaat-kop").focus();
    return result.ok && !data.ongewijzigd;
  }

  /* ---------- pages ---------- */

  async function overview() {
    if (!loggedIn()) {
      $("inloggen").hidden = false;
      $("inlog-formulier").addEventListener("submit", async function (event) {
        event.preventDefault();
        store.setItem(CODE, $("code").value);
        var result = await api("POST", "/admin/api/inloggen", { wie: $("wie").value });
        if (!result.ok) {
          store.removeItem(CODE);
          message(detailText(result.data));
          return;
        }
        store.setItem(WIE, result.data.wie);
        window.location.reload();
      });
      return;
    }
    showName();
    $("uitloggen").hidden = false;
    $("uitloggen").addEventListener("click", function () {
      store.removeItem(CODE);
      store.removeItem(WIE);
      window.location.reload();
    });
    $("nieuw-formulier").addEventListener("submit", function (event) {
      event.preventDefault();
      var path = $("nieuw-map").value + "/" + $("nieuw-naam").value.trim() + ".yml";
      window.location.href = "/admin/bewerken?bestand=" + encodeURIComponent(path);
    });
    var files = await api("GET", "/admin/api/bestanden");
    if (!files.ok) {
      if (files.status === 401) { window.location.reload(); return; }
      message(detailText(files.data));
      return;
    }
    $("overzicht").hidden = false;
    var body = $("bestanden");
    files.data.bestanden.forEach(function (file) {
      var row = el("tr");
      var name = el("td");
      var link = el("a", file.bestand);
      link.href = "/admin/bewerken?bestand=" + encodeURIComponent(file.bestand);
      name.appendChild(link);
      row.appendChild(name);
      row.appendChild(el("td", when(file.gewijzigd)));
      row.appendChild(el("td", Math.max(1, Math.round(file.grootte / 1000)) + " kB"));
      var versions = el("td");
      var vlink = el("a", "Versies");
      vlink.href = "/admin/versies?bestand=" + encodeURIComponent(file.bestand);
      vlink.setAttribute("aria-label", "Versies van " + file.bestand);
      versions.appendChild(vlink);
      row.appendChild(versions);
      body.appendChild(row);
    });
    var log = await api("GET", "/admin/api/logboek");
    if (log.ok) {
      log.data.logboek.forEach(function (entry) {
        var row = el("tr");
        [when(entry.wanneer), entry.wie, entry.actie, entry.bestand, entry.samenvatting].forEach(function (value) {
          row.appendChild(el("td", value || ""));
        });
        $("logboek").appendChild(row);
      });
    }
  }

  async function edit() {
    var path = params.get("bestand") || "";
    $("bestandsnaam").textContent = path;
    if (!loggedIn()) { needLogin(); return; }
    showName();
    var file = await api("GET", "/admin/api/bestand?pad=" + encodeURIComponent(path));
    if (!file.ok) {
      if (file.status === 401) { needLogin(); } else { message(detailText(file.data)); }
      return;
    }
    var basis = file.data.basis;
    var checked = null;
    var text = $("inhoud-tekst");
    text.value = file.data.inhoud;
    if (!file.data.bestaat) {
      message("Dit bestand bestaat nog niet. Het wordt gemaakt als je het publiceert.", "info");
    }
    $("werkblad").hidden = false;

    function afterCheck(result, content) {
      checked = showCheck(result) ? content : null;
      if (checked !== null) {
        $("publiceer-uitleg").textContent = "Je publiceert als " + store.getItem(WIE) + ". Dit komt in het logboek.";
        $("publiceer-blok").hidden = false;
      }
    }

    text.addEventListener("input", function () {
      if (checked !== null) {
        checked = null;
        $("publiceer-blok").hidden = true;
        message("Je hebt de tekst veranderd. Klik opnieuw op Controleren voordat je publiceert.", "info");
      }
    });
    $("bewerk-formulier").addEventListener("submit", async function (event) {
      event.preventDefault();
      message("");
      var content = text.value;
      afterCheck(await api("POST", "/admin/api/controleren", { bestand: path, inhoud: content }), content);
    });
    $("upload-formulier").addEventListener("submit", async function (event) {
      event.preventDefault();
      message("");
      var form = new FormData();
      form.append("bestand", path);
      form.append("upload", $("upload-bestand").files[0]);
      var result = await api("POST", "/admin/api/uploaden", form);
      if (result.ok) { text.value = result.data.inhoud; }
      afterCheck(result, result.ok ? result.data.inhoud : null);
    });
    $("publiceren").addEventListener("click", async function () {
      if (checked === null) { return; }
      var result = await api("POST", "/admin/api/publiceren", { bestand: path, inhoud: checked, basis: basis, wie: store.getItem(WIE) });
      if (result.ok) {
        basis = result.data.basis;
        checked = null;
        $("publiceer-blok").hidden = true;
        message(result.data.bericht, "goed");
      } else {
        showCheck(result);
        message(detailText(result.data));
      }
    });
  }

  async function versions() {
    var path = params.get("bestand") || "";
    $("bestandsnaam").textContent = path;
    if (!loggedIn()) { needLogin(); return; }
    showName();
    var chosen = null;

    async function load() {
      var result = await api("GET", "/admin/api/versies?pad=" + encodeURIComponent(path));
      if (!result.ok) {
        if (result.status === 401) { needLogin(); } else { message(detailText(result.data)); }
        return;
      }
      var body = $("versies");
      body.textContent = "";
      if (!result.data.versies.length) {
        var empty = el("tr");
        var cell = el("td", "Er zijn nog geen versies bewaard. Die komen er bij de eerste publicatie via deze pagina.");
        cell.colSpan = 5;
        empty.appendChild(cell);
        body.appendChild(empty);
      }
      result.data.versies.forEach(function (version) {
        var row = el("tr");
        row.appendChild(el("td", String(version.id)));
        row.appendChild(el("td", when(version.wanneer)));
        row.appendChild(el("td", version.wie || "onbekend"));
        row.appendChild(el("td", version.actie));
        var action = el("td");
        if (version.in_gebruik) {
          action.appendChild(el("strong", "Nu in gebruik"));
        } else {
          var button = el("button", "Bekijk en zet terug", "knop knop-klein");
          button.type = "button";
          button.setAttribute("aria-label", "Versie " + version.id + " bekijken om terug te zetten");
          button.addEventListener("click", function () { preview(version.id); });
          action.appendChild(button);
        }
        row.appendChild(action);
        body.appendChild(row);
      });
      $("werkblad").hidden = false;
    }

    async function preview(id) {
      message("");
      $("gekozen-versie").textContent = String(id);
      var result = await api("POST", "/admin/api/versies/" + id + "/controleren");
      chosen = showCheck(result) ? { id: id, basis: result.data.basis } : null;
      if (chosen) {
        $("publiceer-uitleg").textContent = "Je zet versie " + id + " terug als " + store.getItem(WIE) + ". Dit komt in het logboek.";
        $("publiceer-blok").hidden = false;
      }
    }

    $("publiceren").addEventListener("click", async function () {
      if (!chosen) { return; }
      var result = await api("POST", "/admin/api/versies/" + chosen.id + "/terugzetten", { basis: chosen.basis, wie: store.getItem(WIE) });
      chosen = null;
      $("publiceer-blok").hidden = true;
      if (result.ok) {
        $("resultaat").hidden = true;
        message(result.data.bericht, "goed");
        await load();
      } else {
        showCheck(result);
        message(detailText(result.data));
      }
    });
    await load();
  }

  var pages = { overzicht: overview, bewerken: edit, versies: versions };
  var page = pages[document.body.getAttribute("data-pagina")];
  if (page) { page(); }
})();
