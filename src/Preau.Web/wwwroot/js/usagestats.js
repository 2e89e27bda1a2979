// Usage statistics: draws a chart above each table marked data-chart, from the table's own figures, so the
// table stays the accessible source (screen readers read the table; the canvas is one labelled image).
(function () {
    'use strict';
    if (typeof Chart === 'undefined') {
        return;
    }
    var palette = ['#1f4e9a', '#c2410c', '#15803d', '#7e22ce', '#0e7490', '#a16207', '#be123c', '#4d7c0f', '#334155', '#9d174d'];

    function number(cell) {
        var n = parseInt((cell.textContent || '').replace(/\s/g, ''), 10);
        return isNaN(n) ? 0 : n;
    }

    document.querySelectorAll('table[data-chart]').forEach(function (table) {
        var kind = table.getAttribute('data-chart');
        var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
        var columns = [];
        heads.forEach(function (th, i) {
            if (i > 0 && !th.hasAttribute('data-skip')) {
                columns.push({ index: i, label: th.textContent.trim() });
            }
        });
        var rows = Array.prototype.slice.call(table.tBodies[0].rows);
        if (rows.length === 0) {
            return;
        }
        var labels = rows.map(function (r) { return r.cells[0].textContent.trim(); });
        var datasets = columns.map(function (c, i) {
            return {
                label: c.label,
                data: rows.map(function (r) { return number(r.cells[c.index]); }),
                backgroundColor: palette[i % palette.length],
                borderColor: palette[i % palette.length],
                fill: false,
                tension: 0.2
            };
        });
        var figure = document.createElement('div');
        figure.className = 'chart-box';
        var canvas = document.createElement('canvas');
        canvas.setAttribute('role', 'img');
        canvas.setAttribute('aria-label', (table.getAttribute('data-title') || '') + ' — ' + (document.documentElement.lang === 'en' ? 'figures in the table below' : 'chiffres dans le tableau ci-dessous'));
        figure.appendChild(canvas);
        var wrap = table.closest('.table-wrap') || table;
        wrap.parentNode.insertBefore(figure, wrap);
        new Chart(canvas, {
            type: kind === 'line' ? 'line' : 'bar',
            data: { labels: labels, datasets: datasets },
            options: {
                maintainAspectRatio: false,
                animation: false,
                indexAxis: kind === 'hbar' ? 'y' : 'x',
                scales: {
                    x: { stacked: kind === 'stacked', beginAtZero: true },
                    y: { stacked: kind === 'stacked', beginAtZero: true }
                }
            }
        });
    });
})();
