/* Pagefind search of the portal (build_scripts/pagefind_search).
 *
 * 1. The header search box: Material's search dialog, filled from Pagefind's JS API. The index
 *    comes in small chunks, fetched only for the words typed.
 * 2. The full results page (搜索, #pagefind-page): Pagefind's own UI with filters, in Chinese.
 *
 * Every URL is derived from the page's relative path to the site root (data-root), so the site
 * works from any static file server and under any sub-path; nothing is loaded from elsewhere.
 * data-merge lists other sites (relative roots) searched together with this one (multisite).
 */
(function () {
  "use strict";

  // Loaded by the header and by the search page itself (for sites built without the plugin): once.
  if (window.portalPagefindSearch) return;
  window.portalPagefindSearch = true;
  var box = document.querySelector("[data-pagefind-search]");
  if (!box) return;

  var root = new URL(box.getAttribute("data-root") || "./", location.href);
  // This site's indexes (one, or several shards of one index) and other sites searched with it.
  var bundles = JSON.parse(box.getAttribute("data-bundles") || '["pagefind/"]').map(function (b) {
    return { bundlePath: new URL(b, root).pathname, baseUrl: root.pathname };
  });
  var bundle = new URL(bundles[0].bundlePath, location.href);
  var sites = JSON.parse(box.getAttribute("data-merge") || "[]").map(function (site) {
    return new URL(site, root);
  });
  var pageUrl = box.getAttribute("data-page");
  var SHOWN = 10;

  // The indexes of another site: listed in its pagefind/shards.json (written by the plugin).
  function siteBundles(siteRoot) {
    var first = new URL(bundles[0].bundlePath.slice(root.pathname.length), siteRoot);
    return fetch(new URL("shards.json", first)).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    }).then(function (manifest) {
      return manifest.bundles.map(function (b) {
        return { bundlePath: new URL(b, siteRoot).pathname, baseUrl: siteRoot.pathname };
      });
    }).catch(function () {
      return [{ bundlePath: first.pathname, baseUrl: siteRoot.pathname }];
    });
  }

  // Every index after the first, merged into it at query time (Pagefind's mergeIndex).
  var merged = null;
  function mergedBundles() {
    if (!merged) {
      merged = Promise.all(sites.map(siteBundles)).then(function (lists) {
        return bundles.slice(1).concat.apply(bundles.slice(1), lists);
      });
    }
    return merged;
  }

  var loading = null;
  function pagefind() {
    if (!loading) {
      loading = Promise.all([import(bundle.pathname + "pagefind.js"), mergedBundles()]).then(function (got) {
        var pf = got[0], more = got[1];
        return pf.options({ baseUrl: root.pathname, excerptLength: 40 })
          .then(function () {
            return more.reduce(function (done, b) {
              return done.then(function () {
                return pf.mergeIndex(b.bundlePath, { baseUrl: b.baseUrl });
              });
            }, Promise.resolve());
          })
          .then(function () { pf.init(); return pf; });
      });
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  // -- the header dialog ----------------------------------------------------------------------

  var toggle = document.getElementById("__search");
  var input = box.querySelector(".md-search__input");
  var form = box.querySelector(".md-search__form");
  var meta = box.querySelector(".md-search-result__meta");
  var list = box.querySelector(".md-search-result__list");
  var latest = 0;

  function setOpen(open) {
    if (toggle && toggle.checked !== open) toggle.checked = open;
  }

  function render(query, search, token) {
    var results = search.results;
    if (!results.length) {
      meta.textContent = "没有找到与“" + query + "”匹配的报告";
      list.innerHTML = "";
      return Promise.resolve();
    }
    return Promise.all(results.slice(0, SHOWN).map(function (r) { return r.data(); })).then(function (pages) {
      if (token !== latest) return;
      meta.textContent = "找到 " + results.length + " 份报告";
      list.innerHTML = pages.map(function (page) {
        var title = (page.meta && page.meta.title) || page.url;
        return '<li class="md-search-result__item"><a href="' + escapeHtml(page.url) +
          '" class="md-search-result__link" tabindex="-1"><article class="md-search-result__article md-typeset">' +
          '<div class="md-search-result__icon md-icon"></div><h1>' + escapeHtml(title) + "</h1>" +
          // Pagefind's excerpt is escaped text with <mark> around the matched words.
          "<p>" + page.excerpt + "</p></article></a></li>";
      }).join("");
      if (results.length > SHOWN && pageUrl) {
        list.insertAdjacentHTML("beforeend", '<li class="md-search-result__item pf-search__more"><a href="' +
          escapeHtml(pageUrl + "?q=" + encodeURIComponent(query)) + '" class="md-search-result__link">' +
          "查看全部 " + results.length + " 个结果（可按年度、机关筛选）</a></li>");
      }
    });
  }

  function run() {
    var query = input.value.trim();
    var token = ++latest;
    if (!query) {
      meta.textContent = "输入关键词，搜索全部报告";
      list.innerHTML = "";
      return;
    }
    if (!loading) meta.textContent = "正在加载搜索索引……";
    pagefind().then(function (pf) {
      return pf.debouncedSearch(query, {}, 120);
    }).then(function (search) {
      if (search === null || token !== latest) return; // a newer query superseded this one
      return render(query, search, token);
    }).catch(function (error) {
      if (token !== latest) return;
      meta.textContent = "搜索索引加载失败：" + error.message;
    });
  }

  if (input) {
    input.addEventListener("focus", function () { setOpen(true); pagefind(); });
    input.addEventListener("input", run);
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { setOpen(false); input.blur(); }
    });
    form.addEventListener("reset", function () { setTimeout(run, 0); });
    form.addEventListener("submit", function (event) {
      if (!pageUrl) event.preventDefault();
    });
    if (toggle) {
      toggle.addEventListener("change", function () {
        if (toggle.checked) input.focus(); else input.blur();
      });
    }
    box.addEventListener("click", function (event) {
      if (event.target.closest && event.target.closest("a")) setOpen(false);
    });
    document.addEventListener("keydown", function (event) {
      var target = event.target;
      var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
      if (typing || event.metaKey || event.ctrlKey || event.altKey) return;
      if (event.key === "/" || event.key === "s" || event.key === "f") {
        event.preventDefault();
        setOpen(true);
        input.focus();
        input.select();
      }
    });
  }

  // -- the full results page ------------------------------------------------------------------

  var page = document.getElementById("pagefind-page");
  if (page) {
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = bundle.pathname + "pagefind-ui.css";
    document.head.appendChild(css);
    var script = document.createElement("script");
    script.src = bundle.pathname + "pagefind-ui.js";
    script.onload = function () {
      mergedBundles().then(startUi);
    };
    var startUi = function (merged) {
      page.innerHTML = "";
      var ui = new window.PagefindUI({
        element: page,
        bundlePath: bundle.pathname,
        baseUrl: root.pathname,
        mergeIndex: merged,
        showImages: false,
        showSubResults: false,
        excerptLength: 40,
        resetStyles: false,
        pageSize: 20,
        translations: {
          placeholder: "搜索报告：机关名称、年度、关键词",
          zero_results: "没有找到与“[SEARCH_TERM]”匹配的报告",
          many_results: "找到 [COUNT] 份与“[SEARCH_TERM]”匹配的报告",
          one_result: "找到 [COUNT] 份与“[SEARCH_TERM]”匹配的报告",
          load_more: "显示更多结果",
          filters_label: "筛选",
          clear_search: "清除",
          search_label: "搜索报告"
        }
      });
      var query = new URLSearchParams(location.search).get("q");
      if (query) {
        ui.triggerSearch(query);
        if (input) input.value = query;
      }
    };
    script.onerror = function () {
      page.textContent = "搜索索引加载失败：" + script.src;
    };
    document.head.appendChild(script);
  }
})();
