/*
 * Visitor chat widget for the clinic intake assistant.
 *
 * Embed on any page with one tag (nothing else is required of the host page):
 *
 *   <script src="https://YOUR-INTAKE-HOST/static/widget.js" defer></script>
 *
 * Optional data attributes on that tag:
 *   data-api-base     base URL of the intake web app (default: derived from this script's src)
 *   data-title        header title (default "Intake assistant")
 *   data-clinic-name  clinic name used in the greeting (default "the clinic")
 *   data-max-length   longest message accepted (default 2000, matches MAX_MESSAGE_CHARS)
 *   data-open="true"  open the chat when the page loads
 *
 * The conversation id and its secret token (from the first reply) are kept side by side in
 * sessionStorage; the token goes with every later message and the history request as the
 * X-Conversation-Token header. When the server refuses a conversation (403: an id from
 * before tokens, or a lost token) the widget forgets it and starts a new one.
 *
 * Plain modern JavaScript, no dependencies, no build step. The UI lives in an open Shadow
 * DOM so host-page CSS cannot break it and its CSS cannot leak out. Visitor and bot text is
 * only ever inserted with textContent / text nodes, never as HTML.
 */
(() => {
  "use strict";

  // Embedding the snippet twice must not create two widgets.
  if (window.__kapIntakeWidget) {
    return;
  }

  const STORAGE_ID_KEY = "kapIntake.conversationId";
  const STORAGE_TOKEN_KEY = "kapIntake.conversationToken";
  const TOKEN_HEADER = "X-Conversation-Token";
  const STORAGE_OPEN_KEY = "kapIntake.open";
  const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
  // http(s) URLs in bot text, plus bare web addresses on common public suffixes such as
  // "988lifeline.org" (linked as https). Trailing punctuation is trimmed off in linkify().
  const URL_RE =
    /\bhttps?:\/\/[^\s<>"'`]+|(?<![@\w.-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:org|com|net|gov|edu|us)\b(?:\/[^\s<>"'`]*)?/gi;
  const TRAILING_PUNCT_RE = /[.,;:!?'"\]}>]+$/;

  const DISCLOSURE_POINTS = [
    "This is an automated assistant, not a clinician.",
    "It can't give medical advice or tell you whether a treatment is right for you; " +
      "the care team reviews what you share.",
    "Messages are not monitored in real time.",
  ];
  const CRISIS_LINE =
    "If you are in crisis or thinking about harming yourself, call or text 988 " +
    "(Suicide & Crisis Lifeline, or chat at 988lifeline.org), text HOME to 741741, " +
    "or call 911 / go to the nearest emergency room.";

  const script = document.currentScript || findOwnScript();
  const config = readConfig(script);

  /** The <script> tag that loaded this file, for pages where currentScript is unavailable. */
  function findOwnScript() {
    const tags = document.querySelectorAll("script[src]");
    for (let i = tags.length - 1; i >= 0; i -= 1) {
      if (/\/widget(\.min)?\.js(\?|#|$)/.test(tags[i].src)) {
        return tags[i];
      }
    }
    return null;
  }

  /** Settings from the script tag; the API base defaults to wherever the script came from. */
  function readConfig(tag) {
    const data = (tag && tag.dataset) || {};
    let apiBase;
    if (data.apiBase) {
      apiBase = new URL(data.apiBase, document.baseURI).href;
    } else if (tag && tag.src) {
      const src = new URL(tag.src, document.baseURI);
      // ".../static/widget.js" or the ".../widget.js" shortcut: keep any path prefix so the
      // app can live under a sub-path behind a proxy.
      const prefix = src.pathname.replace(/\/(static\/)?widget(\.min)?\.js$/, "");
      apiBase = src.origin + prefix;
    } else {
      apiBase = window.location.origin;
    }
    const maxLength = parseInt(data.maxLength || "", 10);
    return {
      apiBase: apiBase.replace(/\/+$/, ""),
      title: (data.title || "").trim() || "Intake assistant",
      clinicName: (data.clinicName || "").trim(),
      maxLength: Number.isFinite(maxLength) && maxLength > 0 ? maxLength : 2000,
      startOpen: data.open === "true",
    };
  }

  // ---------------------------------------------------------------- storage and ids

  const memoryStore = new Map();

  /** sessionStorage, falling back to memory where it is blocked (sandboxed iframes etc.). */
  const store = {
    get(key) {
      try {
        return window.sessionStorage.getItem(key);
      } catch (_err) {
        return memoryStore.has(key) ? memoryStore.get(key) : null;
      }
    },
    set(key, value) {
      try {
        window.sessionStorage.setItem(key, value);
      } catch (_err) {
        memoryStore.set(key, value);
      }
    },
    remove(key) {
      memoryStore.delete(key);
      try {
        window.sessionStorage.removeItem(key);
      } catch (_err) {
        // memory only
      }
    },
  };

  /** A random version 4 UUID (randomUUID needs a secure context, so fall back to getRandomValues). */
  function newUuid() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") {
      return window.crypto.randomUUID();
    }
    const b = window.crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  /** The stored conversation id, or null when this browser tab has not chatted yet. */
  function storedConversationId() {
    const id = store.get(STORAGE_ID_KEY);
    return id && UUID_RE.test(id) ? id : null;
  }

  /** The conversation id for this tab, created on first use. */
  function conversationId() {
    let id = storedConversationId();
    if (!id) {
      id = newUuid();
      store.set(STORAGE_ID_KEY, id);
      store.remove(STORAGE_TOKEN_KEY);
    }
    return id;
  }

  /** The secret of the stored conversation, or null before its first reply. */
  function storedToken() {
    const token = store.get(STORAGE_TOKEN_KEY);
    return token && /^[A-Za-z0-9_-]{20,200}$/.test(token) ? token : null;
  }

  /** Headers for a request about the stored conversation (the token once there is one). */
  function conversationHeaders(base) {
    const headers = { ...base };
    const token = storedToken();
    if (token) {
      headers[TOKEN_HEADER] = token;
    }
    return headers;
  }

  /** Forget the conversation (id and token) and clear what it showed: the next message starts a new one. */
  function forgetConversation() {
    store.remove(STORAGE_ID_KEY);
    store.remove(STORAGE_TOKEN_KEY);
    log.replaceChildren();
    historyState = "loaded"; // a new conversation has no history to fetch
  }

  // ---------------------------------------------------------------- DOM helpers

  /**
   * Create an element. `attrs` are set with setAttribute (fixed names only, chosen here);
   * `children` are nodes or strings, and strings become text nodes (never parsed as HTML).
   */
  function h(tag, attrs, children) {
    const node = document.createElement(tag);
    if (attrs) {
      for (const [name, value] of Object.entries(attrs)) {
        if (value === false || value === null || value === undefined) {
          continue;
        }
        node.setAttribute(name, value === true ? "" : String(value));
      }
    }
    for (const child of children || []) {
      node.append(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  /** Text for screen readers only. */
  function srOnly(text) {
    return h("span", { class: "kw-sr" }, [text]);
  }

  /** Only absolute http(s) URLs may become links. */
  function safeHttpUrl(candidate) {
    try {
      const url = new URL(candidate);
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (_err) {
      return null;
    }
  }

  /** Append `text` to `parent` as text nodes, turning http(s) URLs into safe links. */
  function linkify(parent, text) {
    let last = 0;
    URL_RE.lastIndex = 0;
    for (let match = URL_RE.exec(text); match; match = URL_RE.exec(text)) {
      let candidate = match[0];
      const trailing = candidate.match(TRAILING_PUNCT_RE);
      if (trailing) {
        candidate = candidate.slice(0, -trailing[0].length);
      }
      // A closing parenthesis belongs to the URL only if it opened one: "(see https://x.org)".
      while (candidate.endsWith(")") &&
        (candidate.match(/\(/g) || []).length < (candidate.match(/\)/g) || []).length) {
        candidate = candidate.slice(0, -1);
      }
      const href = safeHttpUrl(/^https?:\/\//i.test(candidate) ? candidate : `https://${candidate}`);
      const start = match.index;
      if (!href) {
        continue;
      }
      if (start > last) {
        parent.append(document.createTextNode(text.slice(last, start)));
      }
      const link = h("a", { href, target: "_blank", rel: "noopener noreferrer" }, [candidate]);
      parent.append(link);
      last = start + candidate.length;
      URL_RE.lastIndex = last;
    }
    if (last < text.length) {
      parent.append(document.createTextNode(text.slice(last)));
    }
  }

  // ---------------------------------------------------------------- build the UI

  const host = h("div", { id: "kap-intake-widget", class: "kap-intake-widget-host" });
  const shadow = host.attachShadow({ mode: "open" });

  const stylesheet = h("link", { rel: "stylesheet", href: `${config.apiBase}/static/widget.css` });
  // A labelled landmark so the launcher is not stray content outside the page's regions.
  const root = h("div", {
    class: "kw",
    "data-state": "closed",
    role: "complementary",
    "aria-label": "Chat with the intake assistant",
  });
  // Stay invisible until our stylesheet applies, so the host page never flashes raw markup.
  root.style.visibility = "hidden";
  const reveal = () => {
    root.style.visibility = "";
  };
  stylesheet.addEventListener("load", reveal);
  stylesheet.addEventListener("error", reveal);

  const launcherIcon = h("span", { class: "kw-launcher-icon", "aria-hidden": "true" });
  const launcherText = h("span", { class: "kw-launcher-text" }, ["Chat with us"]);
  const launcher = h(
    "button",
    {
      type: "button",
      class: "kw-launcher",
      "aria-expanded": "false",
      "aria-controls": "kw-panel",
    },
    [launcherIcon, launcherText],
  );

  const titleId = "kw-title";
  const aboutButton = h(
    "button",
    {
      type: "button",
      class: "kw-icon-button kw-about-button",
      "aria-expanded": "false",
      "aria-controls": "kw-about",
      "aria-label": "About this assistant",
      title: "About this assistant",
    },
    [h("span", { "aria-hidden": "true" }, ["i"])],
  );
  const closeButton = h(
    "button",
    {
      type: "button",
      class: "kw-icon-button kw-close",
      "aria-label": "Close chat",
      title: "Close chat",
    },
    [h("span", { "aria-hidden": "true" }, ["\u00d7"])],
  );
  const header = h("div", { class: "kw-header" }, [
    h("div", { class: "kw-titles" }, [
      h("h2", { id: titleId, class: "kw-title" }, [config.title]),
      h("p", { class: "kw-subtitle" }, ["Automated assistant \u00b7 not a clinician"]),
    ]),
    aboutButton,
    closeButton,
  ]);

  /** The disclosure as a list, shared by the about panel and the greeting card. */
  function disclosureList() {
    return h(
      "ul",
      { class: "kw-disclosure-list" },
      DISCLOSURE_POINTS.map((point) => h("li", null, [point])),
    );
  }

  /** The crisis resources line, with 988lifeline.org as a link. */
  function crisisNote() {
    const note = h("p", { class: "kw-crisis-note" });
    linkify(note, CRISIS_LINE);
    return note;
  }

  const aboutPanel = h(
    "div",
    { id: "kw-about", class: "kw-about", role: "region", "aria-label": "About this assistant", hidden: true },
    [
      h("h3", { class: "kw-about-title" }, ["About this assistant"]),
      disclosureList(),
      crisisNote(),
      h("p", { class: "kw-about-small" }, [
        "What you type is saved so the care team can follow up. Please don't share more " +
          "than you are comfortable with.",
      ]),
    ],
  );

  const clinicPhrase = config.clinicName ? config.clinicName : "the clinic";
  const intro = h("div", { class: "kw-intro" }, [
    h("p", { class: "kw-intro-lead" }, [
      `Hello! I can answer common questions about ketamine-assisted psychotherapy at ` +
        `${clinicPhrase} and help you start an intake for the care team to review.`,
    ]),
    disclosureList(),
    crisisNote(),
  ]);

  const log = h("div", {
    class: "kw-log",
    role: "log",
    "aria-live": "polite",
    "aria-relevant": "additions",
    "aria-label": "Conversation",
  });
  const typing = h("div", { class: "kw-typing", role: "status", hidden: true }, [
    h("span", { class: "kw-dot", "aria-hidden": "true" }),
    h("span", { class: "kw-dot", "aria-hidden": "true" }),
    h("span", { class: "kw-dot", "aria-hidden": "true" }),
    h("span", { class: "kw-typing-text" }, ["The assistant is typing"]),
  ]);
  const body = h("div", { class: "kw-body" }, [intro, log, typing]);

  const errorBox = h("div", { class: "kw-error", role: "alert", hidden: true });

  const inputId = "kw-input";
  const input = h("textarea", {
    id: inputId,
    class: "kw-input",
    rows: "1",
    placeholder: "Type your message\u2026",
    autocomplete: "off",
    enterkeyhint: "send",
  });
  const sendButton = h("button", { type: "submit", class: "kw-send" }, ["Send"]);
  const form = h("form", { class: "kw-form", novalidate: true }, [
    h("label", { for: inputId, class: "kw-sr" }, ["Type your message"]),
    input,
    sendButton,
  ]);

  const footer = h("p", { class: "kw-footer" }, [
    "In crisis? Call or text ",
    h("a", { href: "tel:988", class: "kw-footer-link" }, ["988"]),
  ]);

  const panel = h(
    "div",
    {
      id: "kw-panel",
      class: "kw-panel",
      role: "dialog",
      "aria-modal": "false",
      "aria-labelledby": titleId,
      hidden: true,
    },
    [header, aboutPanel, body, errorBox, form, footer],
  );

  root.append(panel, launcher);
  shadow.append(stylesheet, root);

  // ---------------------------------------------------------------- state

  let isOpen = false;
  let pending = false;
  let historyState = "unloaded"; // unloaded | loading | loaded

  function scrollToBottom() {
    body.scrollTop = body.scrollHeight;
  }

  function setPending(value, label) {
    pending = value;
    typing.hidden = !value;
    typing.querySelector(".kw-typing-text").textContent = label || "The assistant is typing";
    log.setAttribute("aria-busy", value ? "true" : "false");
    sendButton.disabled = value;
    if (value) {
      scrollToBottom();
    }
  }

  function showError(text) {
    errorBox.textContent = text;
    errorBox.hidden = false;
  }

  function clearError() {
    errorBox.textContent = "";
    errorBox.hidden = true;
  }

  /** Old quick replies stop working once the conversation moves on. */
  function retireQuickReplies() {
    for (const group of log.querySelectorAll(".kw-quick-replies")) {
      group.remove();
    }
  }

  /** Add a visitor bubble; returns it so a failed send can take it back. */
  function addVisitorMessage(text) {
    const textNode = h("p", { class: "kw-text" }, [text]);
    const item = h("div", { class: "kw-msg kw-msg-visitor" }, [srOnly("You said: "), textNode]);
    log.append(item);
    scrollToBottom();
    return item;
  }

  /**
   * Add one bot message: text (links made safe), crisis styling, and quick replies when
   * `withButtons`. `live` is false for history, so old crisis alerts are not re-announced.
   */
  function addBotMessage(message, withButtons, live) {
    const custom = (message && typeof message.custom === "object" && message.custom) || {};
    const text = typeof message.text === "string" ? message.text : "";
    const buttons = withButtons && Array.isArray(message.buttons) ? message.buttons : [];
    const isCrisis = custom.kind === "crisis";
    let item = null;
    if (text) {
      item = h("div", { class: isCrisis ? "kw-msg kw-msg-bot kw-msg-crisis" : "kw-msg kw-msg-bot" });
      if (isCrisis) {
        if (live) {
          // Its own alert region so assistive tech announces crisis resources at once.
          item.setAttribute("role", "alert");
        }
        item.append(h("p", { class: "kw-crisis-heading" }, ["Urgent support"]));
      } else {
        item.append(srOnly("Assistant: "));
      }
      const textNode = h("p", { class: "kw-text" });
      linkify(textNode, text);
      item.append(textNode);
      log.append(item);
    }
    const group = buttons.length ? quickReplies(buttons) : null;
    if (group && group.childElementCount) {
      log.append(group);
    }
    scrollToBottom();
    return item;
  }

  function quickReplies(buttons) {
    const group = h("div", { class: "kw-quick-replies", role: "group", "aria-label": "Suggested replies" });
    for (const button of buttons) {
      const title = button && typeof button.title === "string" ? button.title : "";
      const payload = button && typeof button.payload === "string" ? button.payload : title;
      if (!title || !payload) {
        continue;
      }
      const node = h("button", { type: "button", class: "kw-quick-reply" }, [title]);
      node.addEventListener("click", async () => {
        if (pending) {
          return;
        }
        for (const b of group.querySelectorAll("button")) {
          b.disabled = true;
        }
        const sent = await send(payload, title);
        // Still on the page after a success means the bot answered nothing: let them retry.
        if (!sent || group.isConnected) {
          for (const b of group.querySelectorAll("button")) {
            b.disabled = false;
          }
        } else {
          input.focus();
        }
      });
      group.append(node);
    }
    return group;
  }

  /**
   * A short, kind message for a failed request. The API's 4xx `error` texts are written for
   * visitors, so they are shown (as text) when present; otherwise a fallback is used.
   */
  function describeFailure(status, serverError, retryAfter, fromInput) {
    const keep = fromInput ? " Your message is still in the box." : "";
    const server = typeof serverError === "string" && serverError.length <= 300 ? serverError.trim() : "";
    if (status >= 400 && status < 500 && server) {
      return `${server}${keep}`;
    }
    if (status === 429) {
      const wait = retryAfter && /^\d+$/.test(retryAfter) ? ` about ${retryAfter} seconds` : " a moment";
      return `You're sending messages quickly. Please wait${wait} and try again.${keep}`;
    }
    if (status === 413) {
      return `That message is too long. Please shorten it and send it again.${keep}`;
    }
    if (status >= 400 && status < 500) {
      return `Sorry, that message couldn't be sent. Please check it and try again.${keep}`;
    }
    return (
      "Sorry, the assistant can't be reached right now. Please try again in a moment." +
      `${keep} If you are in crisis, call or text 988.`
    );
  }

  /**
   * Send `message` to the chat API, showing `display` as the visitor's bubble.
   * Resolves true on success; on failure removes the bubble, shows why, resolves false.
   */
  async function send(message, display, fromInput) {
    if (pending) {
      return false;
    }
    clearError();
    const bubble = addVisitorMessage(display);
    setPending(true);
    let response = null;
    let data = null;
    const id = conversationId();
    try {
      response = await fetch(`${config.apiBase}/api/chat`, {
        method: "POST",
        headers: conversationHeaders({ "Content-Type": "application/json", Accept: "application/json" }),
        body: JSON.stringify({ conversation_id: id, message }),
        credentials: "omit",
        cache: "no-store",
      });
      try {
        data = await response.json();
      } catch (_err) {
        data = null;
      }
    } catch (_err) {
      response = null;
    }
    setPending(false);
    if (response && response.status === 403) {
      // This conversation can't be continued (no or a wrong token): start a new one cleanly.
      forgetConversation();
    }
    const sameConversation = data && String(data.conversation_id).toLowerCase() === id.toLowerCase();
    if (response && response.ok && sameConversation) {
      if (typeof data.conversation_token === "string" && data.conversation_token) {
        store.set(STORAGE_TOKEN_KEY, data.conversation_token);
      }
    }
    if (!response || !response.ok || !data || !Array.isArray(data.messages)) {
      bubble.remove();
      const status = response ? (response.ok ? 502 : response.status) : 0;
      const retryAfter = response ? response.headers.get("Retry-After") : null;
      showError(describeFailure(status, data && data.error, retryAfter, fromInput));
      return false;
    }
    if (data.messages.length) {
      retireQuickReplies();
    }
    for (const m of data.messages) {
      addBotMessage(m, true, true);
    }
    // Show the visitor's message and the start of the answer, not the end of a long reply.
    body.scrollTop = Math.max(0, bubble.offsetTop - 8);
    historyState = "loaded";
    return true;
  }

  /** Show the stored conversation after a reload; quick replies only for the latest bot turn. */
  async function loadHistory() {
    const id = storedConversationId();
    if (!id || historyState !== "unloaded") {
      return;
    }
    if (!storedToken()) {
      // An id without its token (kept from before tokens, or the first reply never came):
      // its history can't be read, so start afresh.
      forgetConversation();
      return;
    }
    historyState = "loading";
    setPending(true, "Loading your conversation");
    try {
      const response = await fetch(
        `${config.apiBase}/api/chat/${encodeURIComponent(id)}/history`,
        {
          headers: conversationHeaders({ Accept: "application/json" }),
          credentials: "omit",
          cache: "no-store",
        },
      );
      if (response.status === 403) {
        forgetConversation();
        return;
      }
      if (response.status === 404) {
        historyState = "loaded";
        return;
      }
      const data = response.ok ? await response.json() : null;
      if (!data || !Array.isArray(data.messages)) {
        throw new Error(`history ${response.status}`);
      }
      const messages = data.messages;
      let lastVisitor = -1;
      messages.forEach((m, i) => {
        if (m && m.sender === "visitor") {
          lastVisitor = i;
        }
      });
      log.replaceChildren();
      let offered = new Map(); // payload -> title of the buttons the bot last offered
      messages.forEach((m, i) => {
        if (!m) {
          return;
        }
        if (m.sender === "visitor") {
          // The transcript stores the payload of a clicked quick reply; show its title again.
          const said = typeof m.text === "string" ? m.text : "";
          addVisitorMessage(offered.get(said) || said);
          offered = new Map();
        } else {
          for (const b of Array.isArray(m.buttons) ? m.buttons : []) {
            if (b && typeof b.payload === "string" && typeof b.title === "string") {
              offered.set(b.payload, b.title);
            }
          }
          addBotMessage(m, i > lastVisitor, false);
        }
      });
      historyState = "loaded";
    } catch (_err) {
      historyState = "unloaded"; // try again next time the chat opens
      showError("Earlier messages couldn't be loaded. You can keep chatting.");
    } finally {
      setPending(false);
      scrollToBottom();
    }
  }

  // ---------------------------------------------------------------- open / close

  // Panel, launcher and the remembered state always change together.
  function showPanel(shown) {
    isOpen = shown;
    panel.hidden = !shown;
    root.setAttribute("data-state", shown ? "open" : "closed");
    launcher.setAttribute("aria-expanded", shown ? "true" : "false");
    launcherText.textContent = shown ? "Hide chat" : "Chat with us";
    store.set(STORAGE_OPEN_KEY, shown ? "1" : "0");
  }

  function open(moveFocus) {
    showPanel(true);
    loadHistory();
    scrollToBottom();
    if (moveFocus) {
      input.focus();
    }
  }

  function close() {
    showPanel(false);
    setAbout(false);
    launcher.focus();
  }

  function setAbout(show) {
    aboutPanel.hidden = !show;
    aboutButton.setAttribute("aria-expanded", show ? "true" : "false");
  }

  launcher.addEventListener("click", () => (isOpen ? close() : open(true)));
  closeButton.addEventListener("click", close);
  aboutButton.addEventListener("click", () => setAbout(aboutPanel.hidden));

  root.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && isOpen) {
      event.preventDefault();
      event.stopPropagation();
      close();
    }
  });

  function autoGrow() {
    input.style.height = "auto";
    input.style.height = `${Math.min(input.scrollHeight, 120)}px`;
  }

  input.addEventListener("input", autoGrow);
  input.addEventListener("keydown", (event) => {
    // Enter sends; Shift+Enter adds a line; never interrupt an IME composition.
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (pending) {
      return;
    }
    const text = input.value.trim();
    if (!text) {
      input.focus();
      return;
    }
    if (text.length > config.maxLength) {
      showError(
        `That message is too long (${text.length} characters). Please keep it under ` +
          `${config.maxLength} characters.`,
      );
      return;
    }
    input.value = "";
    autoGrow();
    const sent = await send(text, text, true);
    if (!sent) {
      // Give the visitor their words back, ahead of anything typed since.
      input.value = input.value ? `${text}\n${input.value}` : text;
      autoGrow();
    }
    input.focus();
  });

  function mount() {
    document.body.append(host);
    if (config.startOpen || store.get(STORAGE_OPEN_KEY) === "1") {
      open(false);
    }
  }

  window.__kapIntakeWidget = { open: () => open(true), close, conversationId: storedConversationId };
  if (document.body) {
    mount();
  } else {
    document.addEventListener("DOMContentLoaded", mount, { once: true });
  }
})();
