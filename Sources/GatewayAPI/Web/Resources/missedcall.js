/*! missedcall verification widget v1 — served by missedcalld at /widget/v1/missedcall.js.
 * No framework, no build step. Usage (docs/integration/README.md):
 *   MissedCall.mount(element, { session: { id, token }, newSession, onVerified, onExpired, lang })
 * `session` comes from your backend (POST /v1/verifications answers id and widget_token); the
 * passkey never reaches the browser. Words live in i18n/<lang>.json beside this file's source. */
(function (global) {
  "use strict";
  var MESSAGES = /*MESSAGES*/ {};
  var script = document.currentScript;
  var scriptOrigin = script && script.src ? new URL(script.src, location.href).origin : location.origin;

  function words(lang) {
    var code = String(lang || "").toLowerCase().split(/[-_]/)[0];
    var chosen = MESSAGES[code] ? code : "en";
    return { lang: chosen, t: function (key, values) {
      var text = (MESSAGES[chosen] && MESSAGES[chosen][key]) || MESSAGES.en[key] || key;
      return text.replace(/\{(\w+)\}/g, function (_, name) { return values && name in values ? values[name] : ""; });
    } };
  }

  /* 04466949401 → 044 6694 9401, as the PNG groups it. */
  function grouped(digits) {
    if (digits.length < 10) return digits;
    var head = digits.length - 8;
    return digits.slice(0, head) + " " + digits.slice(head, head + 4) + " " + digits.slice(head + 4);
  }

  /* +919920123456 → +91 99201 23456; other numbers as they are. */
  function spaced(e164) {
    return /^\+91\d{10}$/.test(e164) ? e164.slice(0, 3) + " " + e164.slice(3, 8) + " " + e164.slice(8) : e164;
  }

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (name === "text") node.textContent = attributes[name];
      else node.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  function Widget(root, options) {
    this.root = root;
    this.options = options || {};
    this.gateway = (this.options.gateway || scriptOrigin).replace(/\/$/, "");
    this.words = words(this.options.lang || document.documentElement.lang || navigator.language);
    this.ids = "mc" + Math.random().toString(36).slice(2, 8);
    this.start(this.options.session);
  }

  Widget.prototype.start = function (session) {
    this.stop();
    this.session = session ? { id: session.id, token: session.token || session.widget_token } : null;
    this.state = null;
    this.failures = 0;
    this.generation = (this.generation || 0) + 1;
    this.render("loading");
    if (!this.session || !this.session.id || !this.session.token) {
      this.render("error");
      return;
    }
    this.listen(this.generation);
  };

  Widget.prototype.url = function (suffix, query) {
    return this.gateway + "/v1/widget/sessions/" + encodeURIComponent(this.session.id) + suffix +
      "?token=" + encodeURIComponent(this.session.token) + (query || "");
  };

  /* Server-Sent Events first; if the stream cannot open (a proxy that buffers, an old browser),
   * long polls of 25 s. Both end on a final state. */
  Widget.prototype.listen = function (generation) {
    var self = this;
    if (global.EventSource && !this.options.longPoll) {
      var source = new EventSource(this.url("/events"));
      this.source = source;
      var opened = false;
      ["pending", "verified", "expired"].forEach(function (name) {
        source.addEventListener(name, function (event) {
          opened = true;
          self.update(JSON.parse(event.data), generation);
        });
      });
      source.onerror = function () {
        source.close();
        if (self.source === source) self.source = null;
        if (generation !== self.generation || self.isFinal()) return;
        if (opened) self.listen(generation);
        else self.poll(generation, 0);
      };
    } else {
      this.poll(generation, 0);
    }
  };

  Widget.prototype.poll = function (generation, wait) {
    var self = this;
    this.transport = "long-poll";
    fetch(this.url("", "&wait=" + wait), { cache: "no-store" })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (state) {
        self.failures = 0;
        self.update(state, generation);
        if (generation === self.generation && !self.isFinal()) self.poll(generation, 25);
      })
      .catch(function () {
        if (generation !== self.generation) return;
        self.failures += 1;
        if (self.failures >= 3 && !self.state) return self.render("error");
        setTimeout(function () { if (generation === self.generation) self.poll(generation, 0); }, Math.min(8000, 500 * Math.pow(2, self.failures)));
      });
  };

  Widget.prototype.isFinal = function () {
    return this.state && (this.state.status === "verified" || this.state.status === "expired");
  };

  Widget.prototype.update = function (state, generation) {
    if (generation !== this.generation || this.isFinal()) return;
    this.state = state;
    this.skew = Date.parse(state.server_time) - Date.now();
    if (state.status === "verified") {
      this.stop();
      this.render("verified");
      if (this.options.onVerified) this.options.onVerified(state);
    } else if (state.status === "expired") {
      this.stop();
      this.render("expired");
      if (this.options.onExpired) this.options.onExpired(state);
    } else {
      this.render("pending");
    }
  };

  Widget.prototype.stop = function () {
    if (this.source) { this.source.close(); this.source = null; }
    if (this.timer) { clearInterval(this.timer); this.timer = null; }
  };

  Widget.prototype.secondsLeft = function () {
    var left = (Date.parse(this.state.expires_at) - (Date.now() + (this.skew || 0))) / 1000;
    return Math.max(0, Math.ceil(left));
  };

  Widget.prototype.render = function (name) {
    var t = this.words.t, self = this, state = this.state;
    if (this.rendered === name && name === "pending") return;
    this.rendered = name;
    this.root.setAttribute("data-state", name);
    var title = el("h2", { id: this.ids + "-title", class: "mc-title", text: t("title") });
    var status = el("p", { class: "mc-status", role: "status", "aria-live": "polite", tabindex: "-1" });
    var body = [];
    if (name === "loading") {
      status.textContent = t("connecting");
    } else if (name === "pending") {
      var number = grouped(state.dial);
      this.countdown = el("span", { class: "mc-countdown", role: "timer", "aria-live": "off" });
      body = [
        el("p", { class: "mc-lead", text: t("giveMissedCall") }),
        el("a", { class: "mc-number", href: state.tel, "aria-label": t("tapToCall", { number: number }), text: number }),
        el("p", { class: "mc-from", text: t("callFrom", { mobile: spaced(state.mobile) }) }),
        el("p", { class: "mc-free", text: t("free") }),
        el("p", { class: "mc-time" }, [this.countdown])
      ];
      status.textContent = t("waiting");
    } else if (name === "verified") {
      status.textContent = t("verified");
      body = [el("p", { class: "mc-detail", text: t("verifiedDetail", { mobile: spaced(state.mobile) }) })];
    } else if (name === "expired" || name === "error") {
      status.textContent = t(name === "expired" ? "expired" : "error");
      if (this.options.newSession || name === "error") {
        var button = el("button", { type: "button", class: "mc-retry", text: t(name === "expired" ? "retry" : "errorRetry") });
        button.addEventListener("click", function () { self.retry(); });
        body = [button];
      }
    }
    /* A final word comes first, under the title; while waiting the status sits below the number. */
    var parts = name === "pending" || name === "loading" ? [title].concat(body, [status]) : [title, status].concat(body);
    var box = el("section", { class: "mc-widget mc-" + name, lang: this.words.lang, "aria-labelledby": title.id }, parts);
    this.root.replaceChildren(box);
    if (name === "pending") {
      this.tick();
      this.timer = setInterval(function () { self.tick(); }, 1000);
    }
    if (name === "verified") status.focus();
    if (name === "expired" || name === "error") (box.querySelector("button") || status).focus();
  };

  Widget.prototype.tick = function () {
    if (!this.state || !this.countdown) return;
    var left = this.secondsLeft();
    var text = Math.floor(left / 60) + ":" + ("0" + (left % 60)).slice(-2);
    this.countdown.textContent = this.words.t("timeLeft", { time: text });
    this.countdown.setAttribute("aria-label", this.words.t("timeLeftSpoken", { minutes: Math.ceil(left / 60) }));
    if (left === 0 && !this.checkedAtExpiry) {
      this.checkedAtExpiry = true;
      this.poll(this.generation, 0);
    }
  };

  Widget.prototype.retry = function () {
    var self = this;
    this.checkedAtExpiry = false;
    if (!this.options.newSession) return this.start(this.session);
    this.render("loading");
    Promise.resolve(this.options.newSession())
      .then(function (session) { self.start(session); })
      .catch(function () { self.render("error"); });
  };

  global.MissedCall = {
    version: "1",
    languages: Object.keys(MESSAGES),
    mount: function (element, options) {
      var widget = new Widget(element, options);
      return {
        get state() { return widget.state; },
        get transport() { return widget.transport || "events"; },
        retry: function () { widget.retry(); },
        destroy: function () { widget.stop(); widget.generation += 1; element.replaceChildren(); }
      };
    }
  };
})(window);
