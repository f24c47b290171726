// smtp-doctor's local page. No framework, nothing from the Internet. Every text from the server is inserted
// as text nodes (textContent, append), never parsed as HTML, so nothing a mail server says can become markup.
'use strict';

(function () {
  const token = document.querySelector('meta[name="csrf-token"]').content;
  const lang = document.documentElement.lang;
  const t = document.getElementById('i18n').dataset;
  const $ = (id) => document.getElementById(id);

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v !== undefined && v !== null && v !== false) e.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children) {
      if (c === null || c === undefined) continue;
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }

  function post(path, params) {
    params.set('lang', lang);
    return fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-CSRF-Token': token },
      body: params.toString(),
      credentials: 'same-origin',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
    });
  }

  async function errorOf(response) {
    try {
      const j = await response.json();
      return j.error || t.failed;
    } catch (e) {
      return t.failed;
    }
  }

  function show(id, text) {
    const p = $(id);
    p.textContent = text || '';
    p.hidden = !text;
  }

  // "I only know my address": the SMTP fields are left to the search.
  const addressOnly = $('address-only');
  const smtpFields = $('smtp-fields');
  function syncAddressOnly() {
    smtpFields.disabled = addressOnly.checked;
    smtpFields.hidden = addressOnly.checked;
  }
  addressOnly.addEventListener('change', syncAddressOnly);
  syncAddressOnly();

  // The demo's "fill in the example".
  const fill = $('fill');
  if (fill) {
    fill.addEventListener('click', () => {
      const o = $('scenario').selectedOptions[0].dataset;
      // A confirmation was for the settings it was given with, like an edit by hand.
      const trusted = $('check-form').querySelector('input[name="trustName"]');
      if (trusted) trusted.remove();
      addressOnly.checked = false;
      syncAddressOnly();
      $('address').value = o.address;
      $('server').value = o.server;
      $('port').value = o.port;
      $('username').value = o.username;
      $('password').value = o.password;
      const radio = document.querySelector('input[name="security"][value="' + CSS.escape(o.security) + '"]');
      if (radio) radio.checked = true;
      $('address').focus();
    });
  }

  // ---- Diagnose: POST the form, read the server-sent events of the response as they come.
  let steps = 0;
  const form = $('check-form');
  // A confirmation is for the settings it was given with: editing the form drops it.
  form.addEventListener('input', () => {
    const trusted = form.querySelector('input[name="trustName"]');
    if (trusted) trusted.remove();
  });
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    show('form-error', '');
    if (!$('address').value.trim()) {
      show('form-error', t.needAddress);
      $('address').focus();
      return;
    }
    const params = new URLSearchParams(new FormData(form));
    const button = $('diagnose');
    button.disabled = true;
    steps = 0;
    $('progress-list').replaceChildren();
    $('progress-status').textContent = t.running;
    $('progress').hidden = false;
    $('result').hidden = true;
    try {
      const response = await post('/api/diagnose', params);
      if (!response.ok) {
        $('progress').hidden = true;
        show('form-error', await errorOf(response));
        return;
      }
      await readEvents(response);
    } catch (e) {
      show('form-error', t.network);
    } finally {
      button.disabled = false;
    }
  });

  async function readEvents(response) {
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let event = 'message';
        let data = '';
        for (const line of frame.split('\n')) {
          if (line.startsWith('event: ')) event = line.slice(7);
          else if (line.startsWith('data: ')) data += line.slice(6);
        }
        handleEvent(event, data ? JSON.parse(data) : {});
      }
    }
  }

  function handleEvent(event, data) {
    if (event === 'step') {
      steps++;
      const li = el('li', { class: data.ok ? 'ok' : 'fail' },
        el('span', { class: 'mark', 'aria-hidden': 'true' }, data.ok ? '✓' : '✗'), ' ',
        el('span', { class: 'endpoint' }, data.endpoint), ' · ', data.security, ' · ', data.step,
        ' (' + data.millis + ' ms)');
      $('progress-list').append(li);
      $('progress-status').textContent = t.steps.replace('{count}', steps);
    } else if (event === 'result') {
      $('progress-status').textContent = t.done.replace('{count}', steps);
      renderResult(data);
    } else if (event === 'failure') {
      $('progress').hidden = true;
      show('form-error', data.error || t.failed);
    }
  }

  // ---- The answer first, then why, then Gmail's view, then the technical part folded away.
  function renderResult(a) {
    const body = $('result-body');
    body.replaceChildren();
    const answer = el('div', { class: 'answer kind-' + a.kind.toLowerCase() });
    answer.append(el('p', { class: 'headline' }, a.headline));
    for (const line of a.summary || []) answer.append(el('p', {}, line));
    if (a.cautions && a.cautions.length) answer.append(list('ul', 'cautions', a.cautions));
    if (a.values) {
      const dl = el('dl', { class: 'values' });
      for (const v of a.values) {
        const dd = el('dd', {}, el('span', { class: 'value', id: 'value-' + v.field }, v.value));
        if (v.copy) {
          const b = el('button', { type: 'button', class: 'copy', 'data-field': v.field,
            'aria-label': t.copy + ': ' + v.label }, t.copy);
          b.addEventListener('click', () => copy(b, v.copy));
          dd.append(' ', b);
        }
        dl.append(el('div', { class: 'row' }, el('dt', {}, v.label), dd));
      }
      answer.append(dl);
    }
    if (a.notes && a.notes.length) answer.append(list('ul', 'notes', a.notes));
    if (a.confirm) answer.append(confirmBox(a.confirm));
    body.append(answer);
    if (a.risks) body.append(el('div', { class: 'risks', role: 'note' }, el('h3', {}, a.risks.heading), list('ul', '', a.risks.items)));
    if (a.ask) body.append(el('div', { class: 'ask' }, el('h3', {}, a.ask.heading), list('ul', '', a.ask.items)));
    if (a.likelyCause) body.append(card(a.likelyCause, 'likely'));
    if (a.next) body.append(el('p', { class: 'next' }, a.next));
    if (a.domainNote) body.append(el('p', { class: 'domain-note' }, a.domainNote));
    if (a.findings && a.findings.length) {
      const section = el('section', { class: 'findings' }, el('h3', {}, t.findings));
      for (const f of a.findings) section.append(card(f));
      body.append(section);
    }
    if (a.gmail) {
      const ul = el('ul', { class: 'gmail' });
      for (const v of a.gmail.items) {
        ul.append(el('li', { class: v.mark }, el('span', { class: 'mark', 'aria-hidden': 'true' },
          { works: '✓', unsecured: '⚠', fails: '✗', untested: '?' }[v.mark] || ''), ' ', v.text));
      }
      body.append(el('section', { class: 'gmail-view' }, el('h3', {}, a.gmail.heading), ul));
    }
    if (a.domain) {
      const section = el('section', { class: 'domain' }, el('h3', {}, a.domain.heading));
      for (const f of a.domain.findings) section.append(card(f));
      body.append(section);
    }
    if (a.matrix) body.append(matrix(a.matrix));
    if (a.technical) body.append(transcripts(a.technical));
    if (a.vantage) body.append(el('p', { class: 'hint' }, a.vantage, lang === 'ja' ? '' : ' ', a.elapsed || ''));
    $('result').hidden = false;
    $('result-h').focus();
  }

  // "Is this your provider's server?": on yes, the same form again with that name trusted for the one login test.
  function confirmBox(c) {
    const b = el('button', { type: 'button', id: 'confirm-name', class: 'secondary' }, c.button);
    b.addEventListener('click', () => {
      let input = form.querySelector('input[name="trustName"]');
      if (!input) {
        input = el('input', { type: 'hidden', name: 'trustName' });
        form.append(input);
      }
      input.value = c.name;
      form.requestSubmit();
    });
    return el('div', { class: 'confirm' }, el('p', {}, c.question), b);
  }

  function list(tag, cls, items) {
    const l = el(tag, cls ? { class: cls } : {});
    for (const i of items) l.append(el('li', {}, i));
    return l;
  }

  function card(f, extra) {
    return el('article', { class: 'finding sev-' + f.severity.toLowerCase() + (extra ? ' ' + extra : '') },
      el('h4', {}, f.title), el('p', {}, f.text));
  }

  function matrix(rows) {
    const table = el('table', {},
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, t.colServer), el('th', { scope: 'col' }, t.colSecurity),
        el('th', { scope: 'col' }, t.colTime), el('th', { scope: 'col' }, t.colSource), el('th', { scope: 'col' }, t.colResult))));
    const tbody = el('tbody');
    for (const r of rows) {
      tbody.append(el('tr', { class: r.ok ? 'ok' : 'fail' }, el('td', {}, r.endpoint), el('td', {}, r.security),
        el('td', {}, r.millis + ' ms'), el('td', {}, r.source), el('td', {}, r.state)));
    }
    table.append(tbody);
    return el('details', { class: 'matrix' }, el('summary', {}, t.matrix), el('div', { class: 'scroll' }, table));
  }

  function transcripts(doc) {
    const d = el('details', { class: 'transcript' }, el('summary', {}, t.transcript));
    for (const p of doc.probes || []) {
      const e = p.endpoint;
      const lines = (p.transcript || []).map((x) => (x.direction === 'sent' ? 'C: ' : x.direction === 'received' ? 'S: ' : '   ') + x.text);
      d.append(el('h4', {}, e.host + ':' + e.port + ' (' + e.security + ')'), el('pre', {}, lines.join('\n')));
    }
    return d;
  }

  async function copy(button, text) {
    let ok = false;
    try {
      await navigator.clipboard.writeText(text);
      ok = true;
    } catch (e) {
      // Older browsers, or a denied permission: the selection route.
      const area = el('textarea', { class: 'sr-only', readonly: true });
      area.value = text;
      document.body.append(area);
      area.select();
      try { ok = document.execCommand('copy'); } catch (e2) { ok = false; }
      area.remove();
    }
    button.textContent = ok ? t.copied : t.copyFailed;
    button.classList.toggle('done', ok);
    setTimeout(() => { button.textContent = t.copy; button.classList.remove('done'); }, 4000);
  }

  // ---- A pasted Gmail error.
  const explainForm = $('explain-form');
  explainForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    show('explain-error', '');
    const text = $('error-text').value;
    if (!text.trim()) {
      show('explain-error', t.needText);
      $('error-text').focus();
      return;
    }
    const out = $('explain-result');
    try {
      const response = await post('/api/explain', new URLSearchParams({ text }));
      if (!response.ok) {
        show('explain-error', await errorOf(response));
        return;
      }
      const j = await response.json();
      out.replaceChildren();
      if (j.none) out.append(el('p', {}, j.none));
      for (const e of j.explanations || []) {
        out.append(el('article', { class: 'explanation' }, el('h3', {}, e.message), el('p', {}, e.meaning),
          el('p', {}, e.causesHeading), list('ul', '', e.causes), el('p', { class: 'check' }, e.check)));
      }
    } catch (e) {
      show('explain-error', t.network);
    }
  });
})();
