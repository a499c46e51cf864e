/*
 * The NATS page of the Dialtone Web Console: polls the plugin's data.json every second and renders it. All text goes
 * into the page through textContent, never as markup. Rates are computed here from successive snapshots.
 */
(function () {
    'use strict';
    var root = document.getElementById('nats');
    if (!root) {
        return;
    }
    // from the origin, not the page's URL: a page opened as http://user:pass@host/... must not fetch with credentials
    var base = window.location.protocol + '//' + window.location.host + root.getAttribute('data-root') + '/data.json';
    var POLL_MS = 1000;
    var SUBS_EVERY = 5;          // refresh the subscription list every 5th poll
    var HISTORY = 120;           // chart samples kept (two minutes)
    var previous = null;
    var history = [];
    var polls = 0;
    var testInput = document.getElementById('nats-test');
    var testTimer = null;

    function text(el, value) {
        el.textContent = value === null || value === undefined ? '' : String(value);
    }

    function cell(tr, value) {
        var td = document.createElement('td');
        text(td, value);
        tr.appendChild(td);
        return td;
    }

    function fmt(n) {
        return Number(n).toLocaleString('en-US');
    }

    function fmtBytes(n) {
        var units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
        var i = 0;
        while (n >= 1024 && i < units.length - 1) {
            n /= 1024;
            i++;
        }
        return (i === 0 ? Math.round(n) : n.toFixed(1)) + ' ' + units[i];
    }

    function fmtUptime(ms) {
        var s = Math.max(0, Math.floor(ms / 1000));
        var d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600), m = Math.floor(s % 3600 / 60);
        return (d ? d + 'd' : '') + (d || h ? h + 'h' : '') + (d || h || m ? m + 'm' : '') + (s % 60) + 's';
    }

    function overview(key, value, rate) {
        var td = root.querySelector('td[data-key="' + key + '"]');
        if (!td) {
            return;
        }
        text(td, value);
        if (rate !== undefined) {
            var span = document.createElement('span');
            span.className = 'nats-rate';
            text(span, '(' + rate + ')');
            td.appendChild(span);
        }
    }

    function status(message, error) {
        var p = document.getElementById('nats-status');
        text(p, message);
        p.className = 'statline ' + (error ? 'ui-state-error' : 'ui-state-highlight');
    }

    function rate(cur, prev, key, dt) {
        return prev && dt > 0 ? Math.max(0, (cur[key] - prev[key]) * 1000 / dt) : null;
    }

    function renderServer(d) {
        var s = d.stats, p = previous, dt = p ? d.now - p.now : 0;
        var r = {};
        ['inMsgs', 'outMsgs', 'inBytes', 'outBytes'].forEach(function (k) {
            r[k] = rate(s, p && p.stats, k, dt);
        });
        overview('serverName', d.server.serverName);
        overview('serverId', d.server.serverId);
        overview('version', d.server.version);
        overview('dialtoneVersion', d.server.dialtoneVersion);
        overview('uptime', fmtUptime(d.now - d.server.startMillis));
        overview('connections', fmt(s.connections));
        overview('totalConnections', fmt(s.totalConnections));
        overview('inMsgs', fmt(s.inMsgs), r.inMsgs === null ? '\u2013 msgs/s' : r.inMsgs.toFixed(1) + ' msgs/s');
        overview('outMsgs', fmt(s.outMsgs), r.outMsgs === null ? '\u2013 msgs/s' : r.outMsgs.toFixed(1) + ' msgs/s');
        overview('inBytes', fmtBytes(s.inBytes), r.inBytes === null ? '\u2013 /s' : fmtBytes(r.inBytes) + '/s');
        overview('outBytes', fmtBytes(s.outBytes), r.outBytes === null ? '\u2013 /s' : fmtBytes(r.outBytes) + '/s');
        overview('slowConsumers', fmt(s.slowConsumers));
        if (r.inMsgs !== null) {
            history.push({ inRate: r.inMsgs, outRate: r.outMsgs });
            if (history.length > HISTORY) {
                history.shift();
            }
        }
        status('NATS server ' + d.server.serverName + (s.lameDuckMode ? ' (lame duck mode)' : '')
            + ': ' + fmt(s.connections) + ' connections, ' + fmt(s.subscriptions) + ' subscriptions', false);
    }

    function renderConnections(list) {
        var body = document.querySelector('#nats-connections tbody');
        var rows = document.createDocumentFragment();
        list.forEach(function (c) {
            var tr = document.createElement('tr');
            tr.setAttribute('data-cid', String(c.cid));
            cell(tr, c.cid);
            cell(tr, (c.ip && c.ip.indexOf(':') >= 0 ? '[' + c.ip + ']' : c.ip) + ':' + c.port);
            cell(tr, c.name).className = 'nats-conn-name';
            cell(tr, [c.lang, c.version].filter(function (x) { return x; }).join(' '));
            cell(tr, fmt(c.subscriptions));
            cell(tr, fmtBytes(c.pendingBytes));
            cell(tr, fmt(c.inMsgs));
            cell(tr, fmt(c.outMsgs));
            rows.appendChild(tr);
        });
        if (!list.length) {
            var tr = document.createElement('tr');
            cell(tr, 'No client is connected.').colSpan = 8;
            rows.appendChild(tr);
        }
        body.replaceChildren(rows);
    }

    function renderSubscriptions(d) {
        var body = document.querySelector('#nats-subscriptions tbody');
        var result = document.getElementById('nats-test-result');
        var rows = document.createDocumentFragment();
        d.subscriptions.forEach(function (s) {
            var tr = document.createElement('tr');
            cell(tr, s.subject);
            cell(tr, s.queue);
            cell(tr, s.sid);
            cell(tr, s.cid);
            cell(tr, s.account);
            cell(tr, fmt(s.msgs));
            cell(tr, s.max ? fmt(s.max) : '');
            rows.appendChild(tr);
        });
        if (!d.subscriptions.length) {
            var tr = document.createElement('tr');
            cell(tr, d.test ? 'No subscription matches.' : 'No subscriptions.').colSpan = 7;
            rows.appendChild(tr);
        }
        body.replaceChildren(rows);
        var more = d.subscriptionsMatched > d.subscriptions.length
            ? ' (first ' + fmt(d.subscriptions.length) + ' shown)' : '';
        if (d.test && !d.test.valid) {
            text(result, '(not a valid subject to publish on)');
            result.className = 'nats-invalid';
        } else if (d.test) {
            text(result, '\u2192 ' + fmt(d.subscriptionsMatched) + ' of ' + fmt(d.subscriptionsTotal)
                + ' subscriptions' + more);
            result.className = '';
        } else {
            text(result, fmt(d.subscriptionsTotal) + ' subscriptions' + more);
            result.className = '';
        }
    }

    // one row per extension, its cells in column order; an empty list says so across the table
    function renderRows(selector, list, columns, empty) {
        var body = document.querySelector(selector + ' tbody');
        var rows = document.createDocumentFragment();
        list.forEach(function (x) {
            var tr = document.createElement('tr');
            tr.setAttribute('data-service-id', String(x.serviceId));
            columns.forEach(function (c) {
                var td = cell(tr, c.value(x));
                td.className = 'nats-x-' + c.key;
                if (c.key === 'failures' || c.key === 'timeouts') {
                    td.className += x[c.key] > 0 ? ' nats-failing' : '';
                }
            });
            rows.appendChild(tr);
        });
        if (!list.length) {
            var tr = document.createElement('tr');
            cell(tr, empty).colSpan = columns.length;
            rows.appendChild(tr);
        }
        body.replaceChildren(rows);
    }

    function column(key, format) {
        return { key: key, value: function (x) { return format ? format(x[key]) : x[key]; } };
    }

    function renderExtensions(d) {
        renderRows('#nats-interceptors', d.interceptors, [
            column('kind'), column('type'), column('bundle'), column('subject'), column('ranking'),
            column('timeoutMillis', function (ms) { return fmt(ms) + ' ms'; }), column('fallback'),
            column('invocations', fmt), column('modified', fmt), column('drops', fmt), column('failures', fmt),
            column('timeouts', fmt), column('lastFailure')
        ], 'No interceptor is registered.');
        renderRows('#nats-authenticators', d.authenticators, [
            column('name'), column('type'), column('bundle'), column('ranking'), column('allowed', fmt),
            column('denied', fmt), column('abstained', fmt), column('failures', fmt), column('lastFailure')
        ], 'No authenticator is registered: clients connect without credentials.');
    }

    function drawChart() {
        var canvas = document.getElementById('nats-chart');
        var ctx = canvas.getContext && canvas.getContext('2d');
        if (!ctx) {
            return;
        }
        var w = canvas.width, h = canvas.height, left = 60, top = 10, bottom = 20, right = 10;
        var max = 1;
        history.forEach(function (p) {
            max = Math.max(max, p.inRate, p.outRate);
        });
        // the scale's top, for readers of the page (and tests): the highest rate in the window, 0 while all idle
        var peak = history.reduce(function (m, p) { return Math.max(m, p.inRate, p.outRate); }, 0);
        canvas.setAttribute('data-peak', peak.toFixed(1));
        canvas.setAttribute('title', 'highest rate of the last ' + HISTORY + ' s: ' + peak.toFixed(1) + ' msgs/s');
        ctx.clearRect(0, 0, w, h);
        ctx.font = '11px sans-serif';
        ctx.strokeStyle = '#ddd';
        ctx.fillStyle = '#555';
        ctx.lineWidth = 1;
        for (var g = 0; g <= 4; g++) {
            var y = top + (h - top - bottom) * g / 4;
            ctx.beginPath();
            ctx.moveTo(left, y);
            ctx.lineTo(w - right, y);
            ctx.stroke();
            ctx.fillText((max * (4 - g) / 4).toFixed(max < 10 ? 1 : 0), 4, y + 4);
        }
        ctx.fillText('msgs/s, one sample a second, last ' + HISTORY + ' s', left, h - 5);
        function line(key, color) {
            if (history.length < 2) {
                return;
            }
            ctx.strokeStyle = color;
            ctx.lineWidth = 2;
            ctx.beginPath();
            history.forEach(function (p, i) {
                var x = w - right - (history.length - 1 - i) * (w - left - right) / (HISTORY - 1);
                var y = h - bottom - p[key] / max * (h - top - bottom);
                if (i === 0) {
                    ctx.moveTo(x, y);
                } else {
                    ctx.lineTo(x, y);
                }
            });
            ctx.stroke();
        }
        line('inRate', '#1f77b4');
        line('outRate', '#d62728');
    }

    function get(query) {
        return fetch(base + query, { credentials: 'same-origin', cache: 'no-store' }).then(function (r) {
            if (!r.ok) {
                throw new Error('HTTP ' + r.status);
            }
            return r.json();
        });
    }

    function subscriptionQuery() {
        var subject = testInput.value.trim();
        return subject ? '?subs=1&test=' + encodeURIComponent(subject) : '?subs=1';
    }

    function poll() {
        var withSubs = polls++ % SUBS_EVERY === 0;
        get(withSubs ? subscriptionQuery() : '').then(function (d) {
            renderServer(d);
            renderConnections(d.connections);
            renderExtensions(d);
            if (d.subscriptions) {
                renderSubscriptions(d);
            }
            drawChart();
            previous = d;
        }).catch(function (e) {
            status('Could not read the server\'s state: ' + e.message, true);
        }).then(function () {
            window.setTimeout(poll, POLL_MS);
        });
    }

    testInput.addEventListener('input', function () {
        window.clearTimeout(testTimer);
        testTimer = window.setTimeout(function () {
            get(subscriptionQuery()).then(renderSubscriptions).catch(function (e) {
                status('Could not test the subject: ' + e.message, true);
            });
        }, 250);
    });

    drawChart();
    poll();
}());
