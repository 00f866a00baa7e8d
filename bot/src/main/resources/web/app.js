/*
 * Varde status page. Reads the JSON API every 10 s and redraws with DOM calls: every string from
 * the API goes through textContent or an attribute, never an HTML-parsing property, so data cannot
 * become markup.
 * Read-only: nothing here sends anything but GET. When a refresh fails, the last data stays on
 * screen and the header says since when it is stale.
 */
(function () {
  'use strict';

  var REFRESH_MS = 10000;
  var TIMELINE_ENTRIES = 4;
  var TIMELINES_FETCHED = 8;
  var SVG = 'http://www.w3.org/2000/svg';
  var STATES = ['UP', 'DEGRADED', 'DOWN', 'UNKNOWN'];

  var lastSuccess = null;
  var serverOffset = 0; /* server clock minus ours, from /api/targets' generatedAt: ages use Varde's clock */

  function now() { return Date.now() + serverOffset; }

  function $(id) { return document.getElementById(id); }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  function svg(tag, attrs) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, String(attrs[k])); });
    return e;
  }

  function replace(container, children) {
    while (container.firstChild) { container.removeChild(container.firstChild); }
    children.forEach(function (c) { container.appendChild(c); });
  }

  function stateOf(s) { return STATES.indexOf(s) >= 0 ? s : 'UNKNOWN'; }

  function parse(iso) {
    if (!iso) { return null; }
    var t = Date.parse(iso);
    return isNaN(t) ? null : t;
  }

  function age(ms) {
    if (ms === null || ms < 0) { ms = 0; }
    var s = Math.floor(ms / 1000);
    if (s < 60) { return s + 's'; }
    var m = Math.floor(s / 60);
    if (m < 60) { return m + 'm'; }
    var h = Math.floor(m / 60);
    if (h < 48) { return h + 'h ' + String(m % 60).padStart(2, '0') + 'm'; }
    return Math.floor(h / 24) + 'd ' + (h % 24) + 'h';
  }

  function ago(iso, now) {
    var t = parse(iso);
    return t === null ? '—' : age(now - t) + ' ago';
  }

  function clock(t) {
    var d = new Date(t);
    return [d.getHours(), d.getMinutes(), d.getSeconds()].map(function (n) {
      return String(n).padStart(2, '0');
    }).join(':');
  }

  function percent(x) {
    if (x === null || x === undefined) { return 'no data'; }
    var p = x * 100;
    return (p >= 99.95 && p < 100 ? '99.9' : p.toFixed(p === 100 ? 0 : 1)) + ' %';
  }

  function getJson(path) {
    return fetch(path, { headers: { 'Accept': 'application/json' }, cache: 'no-store' }).then(function (r) {
      if (!r.ok) { throw new Error(path + ': HTTP ' + r.status); }
      return r.json();
    });
  }

  /* ---- pieces ---- */

  function stateBadge(state, extra) {
    var s = stateOf(state);
    var b = el('span', 'badge state-' + s, s + (extra || ''));
    b.setAttribute('data-state', s);
    return b;
  }

  function sparkline(values) {
    var w = 150, h = 34, pad = 2;
    var box = svg('svg', { 'class': 'spark', viewBox: '0 0 ' + w + ' ' + h, width: w, height: h,
      preserveAspectRatio: 'none', role: 'img' });
    var list = Array.isArray(values) ? values : [];
    var fails = list.filter(function (v) { return v === null; }).length;
    var label = list.length ? 'latency of the last ' + list.length + ' checks' + (fails ? ', ' + fails + ' failed' : '')
      : 'no checks yet';
    box.setAttribute('aria-label', label);
    var title = svg('title', {});
    title.textContent = label;
    box.appendChild(title);
    if (!list.length) { return box; }
    var max = Math.max.apply(null, list.filter(function (v) { return v !== null; }).concat([1]));
    var step = list.length > 1 ? (w - 2 * pad) / (list.length - 1) : 0;
    var run = [];
    function flush() {
      if (run.length === 1) { run.push([run[0][0] + 1, run[0][1]]); }
      if (run.length) {
        box.appendChild(svg('polyline', { 'class': 'spark-line', points: run.map(function (p) {
          return p[0].toFixed(1) + ',' + p[1].toFixed(1); }).join(' ') }));
      }
      run = [];
    }
    list.forEach(function (v, i) {
      var x = pad + i * step;
      if (v === null) {
        flush();
        box.appendChild(svg('rect', { 'class': 'spark-fail', x: (x - 1.5).toFixed(1), y: h - 8, width: 3, height: 8 }));
      } else {
        run.push([x, h - pad - 6 - (v / max) * (h - 2 * pad - 6)]);
      }
    });
    flush();
    return box;
  }

  function uptimeBar(label, value) {
    var row = el('div', 'uptime');
    row.appendChild(el('span', 'uptime-label', label));
    var bar = svg('svg', { 'class': 'bar', viewBox: '0 0 100 8', preserveAspectRatio: 'none', width: 100, height: 8,
      'aria-hidden': 'true' });
    bar.appendChild(svg('rect', { 'class': 'bar-bg', x: 0, y: 0, width: 100, height: 8 }));
    if (value !== null && value !== undefined) {
      var cls = value >= 0.999 ? 'bar-good' : value >= 0.98 ? 'bar-warn' : 'bar-bad';
      bar.appendChild(svg('rect', { 'class': cls, x: 0, y: 0, width: (Math.max(0, Math.min(1, value)) * 100).toFixed(2), height: 8 }));
    }
    row.appendChild(bar);
    row.appendChild(el('span', 'uptime-value', percent(value)));
    return row;
  }

  function fact(name, value) {
    var d = el('div', 'fact');
    d.appendChild(el('span', 'fact-name', name));
    d.appendChild(el('span', 'fact-value', value));
    return d;
  }

  function tile(t, now) {
    var s = stateOf(t.state);
    var card = el('article', 'tile state-' + s);
    card.setAttribute('data-target-id', String(t.id));
    var head = el('div', 'tile-head');
    head.appendChild(el('span', 'tile-name', t.name || t.id));
    head.appendChild(stateBadge(s, t.flapping ? ' · flapping' : ''));
    card.appendChild(head);
    var sub = el('div', 'tile-sub');
    sub.appendChild(el('span', 'host', (t.kind ? String(t.kind).toUpperCase() + ' ' : '') + (t.host || '')));
    if (t.tasked) { sub.appendChild(el('span', 'tag tasked', 'TASKED')); }
    if (t.incident) { sub.appendChild(el('span', 'tag incident-ref', t.incident)); }
    card.appendChild(sub);
    if (t.problem) { card.appendChild(el('div', 'problem', t.problem)); }
    var facts = el('div', 'facts');
    facts.appendChild(fact('since', parse(t.since) === null ? '—' : age(now - parse(t.since))));
    facts.appendChild(fact('last check', ago(t.lastCheck, now)));
    facts.appendChild(fact('latency', t.latencyMs === null || t.latencyMs === undefined ? '—' : t.latencyMs + ' ms'));
    card.appendChild(facts);
    card.appendChild(sparkline(t.spark));
    card.appendChild(uptimeBar('24 h', t.uptime24h));
    card.appendChild(uptimeBar('7 d', t.uptime7d));
    return card;
  }

  /* ---- sections ---- */

  function renderTargets(data) {
    var generated = parse(data.generatedAt);
    if (generated !== null) { serverOffset = generated - Date.now(); }
    var now = generated === null ? Date.now() : generated;
    var targets = Array.isArray(data.targets) ? data.targets : [];
    var bySector = {};
    targets.forEach(function (t) {
      var sector = (t.labels && t.labels.sector) ? String(t.labels.sector) : 'other';
      (bySector[sector] = bySector[sector] || []).push(t);
    });
    var names = Object.keys(bySector).sort(function (a, b) {
      if (a === 'other') { return 1; }
      if (b === 'other') { return -1; }
      return a < b ? -1 : a > b ? 1 : 0;
    });
    var sections = names.map(function (name) {
      var sec = el('section', 'sector');
      sec.setAttribute('data-sector', name);
      var list = bySector[name];
      var down = list.filter(function (t) { return t.state === 'DOWN'; }).length;
      var h = el('h3', 'sector-name', name);
      h.appendChild(el('span', 'count', list.length + (list.length === 1 ? ' target' : ' targets') + (down ? ' · ' + down + ' down' : '')));
      sec.appendChild(h);
      var grid = el('div', 'tiles');
      list.forEach(function (t) { grid.appendChild(tile(t, now)); });
      sec.appendChild(grid);
      return sec;
    });
    replace($('sectors'), sections.length ? sections : [el('p', 'empty', 'No targets configured.')]);
    renderOverall(targets);
  }

  function renderOverall(targets) {
    var count = {};
    STATES.forEach(function (s) { count[s] = 0; });
    targets.forEach(function (t) { count[stateOf(t.state)] += 1; });
    var parts = [];
    var worst = 'UP';
    if (count.DOWN) { parts.push(count.DOWN + ' DOWN'); worst = 'DOWN'; }
    if (count.DEGRADED) { parts.push(count.DEGRADED + ' DEGRADED'); if (worst === 'UP') { worst = 'DEGRADED'; } }
    if (count.UNKNOWN) { parts.push(count.UNKNOWN + ' UNKNOWN'); if (worst === 'UP' && !count.UP) { worst = 'UNKNOWN'; } }
    var text = parts.length ? parts.join(' · ') + ' of ' + targets.length : 'All ' + targets.length + ' UP';
    if (!targets.length) { text = 'No targets'; worst = 'UNKNOWN'; }
    var o = $('overall');
    o.className = 'overall state-' + worst;
    o.setAttribute('data-state', worst);
    o.textContent = text;
  }

  function incidentCard(inc, timeline, now) {
    var card = el('article', 'incident sev-' + String(inc.severity || 'none').toLowerCase());
    card.setAttribute('data-incident-id', String(inc.id));
    var head = el('div', 'incident-head');
    head.appendChild(el('span', 'severity', String(inc.severity || '').toUpperCase()));
    head.appendChild(el('span', 'incident-id', inc.id));
    head.appendChild(el('span', 'incident-age', age(now - (parse(inc.openedAt) || now))));
    card.appendChild(head);
    card.appendChild(el('div', 'incident-title', inc.title));
    var meta = el('div', 'incident-meta');
    meta.appendChild(el('span', inc.acknowledgedBy ? 'ack' : 'unack',
      inc.acknowledgedBy ? 'Acknowledged by ' + inc.acknowledgedBy : 'Not acknowledged'));
    if (inc.escalationLevel) { meta.appendChild(el('span', 'tag', 'escalation ' + inc.escalationLevel)); }
    if (inc.muted) { meta.appendChild(el('span', 'tag', 'muted ' + inc.muted)); }
    card.appendChild(meta);
    var targets = Array.isArray(inc.targets) ? inc.targets : [];
    if (targets.length) {
      var tl = el('ul', 'incident-targets');
      targets.forEach(function (t) {
        var li = el('li');
        li.appendChild(stateBadge(t.state));
        li.appendChild(el('span', 'it-id', ' ' + t.id));
        if (t.problem) { li.appendChild(el('span', 'it-problem', ' ' + t.problem)); }
        tl.appendChild(li);
      });
      card.appendChild(tl);
    }
    var evidence = Array.isArray(inc.evidence) ? inc.evidence : [];
    if (evidence.length) {
      var ev = el('ul', 'evidence');
      evidence.forEach(function (e) { ev.appendChild(el('li', null, e.text)); });
      card.appendChild(ev);
    }
    if (timeline && timeline.length) {
      var ol = el('ol', 'timeline');
      timeline.slice(-TIMELINE_ENTRIES).forEach(function (e) {
        var li = el('li');
        li.appendChild(el('span', 'tl-at', parse(e.at) === null ? '' : clock(parse(e.at))));
        li.appendChild(el('span', 'tl-actor', ' ' + (e.actor || '') + ' '));
        li.appendChild(el('span', 'tl-text', e.text || e.action || ''));
        ol.appendChild(li);
      });
      card.appendChild(ol);
    }
    return card;
  }

  function renderIncidents(data, timelines) {
    var at = now();
    var list = Array.isArray(data.incidents) ? data.incidents : [];
    $('incident-count').textContent = String(list.length);
    replace($('incidents'), list.length ? list.map(function (inc) {
      return incidentCard(inc, timelines[inc.id], at);
    }) : [el('p', 'empty calm', 'No open incidents.')]);
  }

  function renderClaims(data) {
    var at = now();
    var claims = Array.isArray(data.claims) ? data.claims : [];
    replace($('claims'), claims.length ? claims.slice(0, 12).map(function (c) {
      var card = el('article', 'claim');
      card.setAttribute('data-claim-id', String(c.id));
      var head = el('div', 'claim-head');
      head.appendChild(el('span', 'actor', c.actor || c.sourceName || c.source || 'unknown'));
      head.appendChild(el('span', 'claim-age', ago(c.claimedAt || c.observedAt, at)));
      card.appendChild(head);
      var hosts = Array.isArray(c.hosts) ? c.hosts : [];
      card.appendChild(el('div', 'claim-hosts', hosts.length ? hosts.join(', ') : 'no hosts named'));
      var hit = (Array.isArray(c.targets) ? c.targets : []).map(function (m) { return m.target; });
      card.appendChild(el('div', hit.length ? 'claim-hit' : 'claim-miss',
        hit.length ? 'hits ' + hit.filter(function (v, i) { return hit.indexOf(v) === i; }).join(', ')
          : 'hits none of our targets'));
      return card;
    }) : [el('p', 'empty calm', 'No claims.')]);
    var lists = Array.isArray(data.taskLists) ? data.taskLists : [];
    replace($('tasklists'), lists.length ? lists.slice(0, 6).map(function (l) {
      var card = el('article', 'tasklist');
      var head = el('div', 'claim-head');
      head.appendChild(el('span', 'actor', l.source));
      head.appendChild(el('span', 'claim-age', ago(l.observedAt, at)));
      card.appendChild(head);
      var ids = Array.isArray(l.targets) ? l.targets : [];
      card.appendChild(el('div', 'claim-hosts', l.tasks + ' tasks' + (l.skipped ? ', ' + l.skipped + ' skipped' : '')));
      card.appendChild(el('div', ids.length ? 'claim-hit' : 'claim-miss',
        ids.length ? 'tasked: ' + ids.join(', ') : 'none of our targets'));
      return card;
    }) : [el('p', 'empty calm', 'No task lists.')]);
  }

  /* The nodes of the cluster: one line each, a lost node (no heartbeat for 10 s) marked LOST. */
  var NODE_STATES = { live: 'UP', lost: 'DOWN', stopped: 'UNKNOWN' };

  function renderCluster(data) {
    var at = now();
    var nodes = Array.isArray(data.nodes) ? data.nodes : [];
    var lost = nodes.filter(function (n) { return n.state === 'lost'; }).length;
    $('cluster-summary').textContent = (data.coordinator ? 'coordinator ' + data.coordinator : 'no coordinator')
      + (lost ? ', ' + lost + ' lost' : '');
    replace($('cluster'), nodes.map(function (n) {
      var word = String(n.state || 'unknown');
      var row = el('div', 'node node-' + word);
      row.setAttribute('data-node', String(n.name));
      row.appendChild(el('span', 'node-name', n.name));
      row.appendChild(el('span', 'badge state-' + stateOf(NODE_STATES[word]), word.toUpperCase()));
      if (n.coordinator) { row.appendChild(el('span', 'node-role', 'coordinator')); }
      if (Array.isArray(n.shards) && /shards$/.test(String(n.checks))) {
        row.appendChild(el('span', 'node-shards', n.shards.length + (n.shards.length === 1 ? ' shard' : ' shards')));
      }
      row.appendChild(el('span', 'node-age', 'heartbeat ' + ago(n.heartbeat_at, at)));
      return row;
    }));
  }

  /* ---- refresh loop ---- */

  function timelinesOf(data) {
    var list = (Array.isArray(data.incidents) ? data.incidents : []).slice(0, TIMELINES_FETCHED);
    return Promise.all(list.map(function (inc) {
      return getJson('/api/incidents/' + encodeURIComponent(inc.id)).then(function (d) {
        return [inc.id, Array.isArray(d.timeline) ? d.timeline : []];
      }, function () { return [inc.id, null]; });
    })).then(function (pairs) {
      var map = {};
      pairs.forEach(function (p) { map[p[0]] = p[1]; });
      return map;
    });
  }

  function refresh() {
    var failed = [];
    function guard(name, promise, render) {
      return promise.then(render).catch(function (e) {
        failed.push(name);
        if (window.console) { console.warn('varde: ' + name + ' failed: ' + e.message); }
      });
    }
    var jobs = [
      guard('targets', getJson('/api/targets'), renderTargets),
      guard('incidents', getJson('/api/incidents?state=open').then(function (d) {
        return timelinesOf(d).then(function (tl) { return [d, tl]; });
      }), function (p) { renderIncidents(p[0], p[1]); }),
      guard('claims', getJson('/api/claims?since=24h'), renderClaims),
      guard('cluster', getJson('/api/cluster'), renderCluster)
    ];
    return Promise.all(jobs).then(function () {
      var stale = $('stale');
      if (!failed.length) {
        lastSuccess = Date.now();
        document.body.classList.remove('is-stale');
        stale.hidden = true;
        stale.textContent = '';
        $('refreshed').textContent = 'Refreshed ' + clock(lastSuccess);
      } else {
        document.body.classList.add('is-stale');
        stale.hidden = false;
        stale.textContent = 'STALE since ' + (lastSuccess === null ? 'page load' : clock(lastSuccess))
          + ' (' + failed.join(', ') + ' unavailable)';
      }
    });
  }

  function loop() {
    refresh().then(function () { window.setTimeout(loop, REFRESH_MS); });
  }

  document.addEventListener('DOMContentLoaded', loop);
}());
