// The search page: runs the Pagefind index that `make html` builds, through
// Pagefind's own JavaScript API (pagefind.js), and renders the results itself:
// Pagefind's ready-made UI injects inline styles, which the site's
// Content-Security-Policy (style-src 'self') refuses.
//
// Results appear as the reader types, and at once on Enter. The words searched for
// are kept in the address (?q=), so the header's search field (a plain form that
// opens this page) lands on its results, and Back or a shared link shows them again.

(() => {
  "use strict";

  const PAGE_SIZE = 10;
  const EXCERPT_LENGTH = 24; // words
  // Short enough to feel immediate, long enough not to search on every keystroke.
  const TYPING_PAUSE_MS = 200;

  // Pagefind's excerpt is the page's text, not escaped, with <mark>…</mark> around
  // each word found. Split on those tags and add text nodes and <mark> elements, so
  // a "<" in the text stays text and nothing in the index can add markup.
  function appendExcerpt(container, excerpt) {
    for (const part of excerpt.split(/(<mark>.*?<\/mark>)/)) {
      const marked = /^<mark>(.*)<\/mark>$/.exec(part);
      if (marked) {
        const mark = document.createElement("mark");
        mark.textContent = marked[1];
        container.append(mark);
      } else if (part) {
        container.append(part);
      }
    }
  }

  // How many of the words found fall within one excerpt's length of a part.
  function mostInOneExcerpt(part) {
    const found = [...part.locations].sort((a, b) => a - b);
    let most = 0;
    let first = 0;
    found.forEach((location, index) => {
      while (found[first] <= location - EXCERPT_LENGTH) {
        first += 1;
      }
      most = Math.max(most, index - first + 1);
    });
    return most;
  }

  // The part of the page (Pagefind splits it at each heading with an id; each
  // checklist is one) where the most words found are close together, with its
  // address and excerpt: the link leads where the excerpt comes from. Ties: the
  // first part. (Not by Pagefind's weights: a heading's one word would outweigh
  // a checklist item that holds every word searched for.)
  function bestPart(data) {
    let best = data;
    let bestCount = 0;
    for (const part of data.sub_results) {
      const count = mostInOneExcerpt(part);
      if (count > bestCount) {
        best = part;
        bestCount = count;
      }
    }
    return best;
  }

  function resultItem(data) {
    const part = bestPart(data);
    const item = document.createElement("li");
    item.className = "search__result";
    const heading = document.createElement("h2");
    heading.className = "search__result-title";
    const link = document.createElement("a");
    link.href = part.url;
    link.textContent = data.meta.title || data.url;
    heading.append(link);
    const excerpt = document.createElement("p");
    excerpt.className = "search__excerpt";
    appendExcerpt(excerpt, part.excerpt);
    item.append(heading, excerpt);
    return item;
  }

  function countText(count, query) {
    if (count === 0) {
      return `No results for “${query}”. Try fewer words, or other words for the same thing.`;
    }
    return `${count} result${count === 1 ? "" : "s"} for “${query}”`;
  }

  function start(root) {
    if (root.dataset.searchStarted) {
      return;
    }
    root.dataset.searchStarted = "true";

    const form = root.querySelector("form");
    const input = form.querySelector("input[type=search]");
    const status = root.querySelector("[role=status]");
    const list = root.querySelector(".search__results");
    const more = root.querySelector(".search__more");

    let pagefindLoading = null;
    let results = [];
    let shown = 0;
    let latestQuery = "";

    function pagefind() {
      if (!pagefindLoading) {
        pagefindLoading = import(root.dataset.pagefind).then(async (module) => {
          await module.options({ excerptLength: EXCERPT_LENGTH });
          await module.init();
          return module;
        });
      }
      return pagefindLoading;
    }

    function keepQueryInAddress(query) {
      const url = new URL(window.location.href);
      if (query) {
        url.searchParams.set("q", query);
      } else {
        url.searchParams.delete("q");
      }
      window.history.replaceState(null, "", url);
    }

    async function showMore() {
      const batch = results;
      const page = batch.slice(shown, shown + PAGE_SIZE);
      const data = await Promise.all(page.map((result) => result.data()));
      if (batch !== results) {
        return []; // a newer search replaced these results while they loaded
      }
      const items = data.map(resultItem);
      list.append(...items);
      shown += items.length;
      more.hidden = shown >= results.length;
      return items;
    }

    async function run(query, debounce) {
      latestQuery = query;
      keepQueryInAddress(query);
      if (!query) {
        results = [];
        shown = 0;
        list.replaceChildren();
        more.hidden = true;
        status.textContent = "";
        return;
      }
      let search;
      try {
        const engine = await pagefind();
        search = await engine.debouncedSearch(query, {}, debounce ? TYPING_PAUSE_MS : 0);
      } catch {
        status.textContent =
          "Search is not available right now: its index could not be loaded. Please try again later.";
        return;
      }
      // null: a newer search replaced this one while it waited.
      if (search === null || query !== latestQuery) {
        return;
      }
      results = search.results;
      shown = 0;
      list.replaceChildren();
      await showMore();
      if (query === latestQuery) {
        status.textContent = countText(results.length, query);
      }
    }

    input.addEventListener("input", () => run(input.value.trim(), true));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      run(input.value.trim(), false);
    });
    more.addEventListener("click", async () => {
      const [first] = await showMore();
      // Keyboard and screen reader users continue from the first new result.
      first?.querySelector("a").focus();
    });
    // Start loading the index as soon as the reader shows interest.
    input.addEventListener("focus", () => pagefind().catch(() => {}), { once: true });

    const query = new URLSearchParams(window.location.search).get("q");
    if (query) {
      input.value = query;
      run(query.trim(), false);
    }
  }

  document.querySelectorAll('[data-module="search"]').forEach(start);
})();
