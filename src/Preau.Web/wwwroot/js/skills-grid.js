// Class skills grid: arrow keys move from cell to cell (like a spreadsheet) and A / E / N set the state.
// Without this file the grid still works: Tab moves, the native select changes with its own keys.
(function () {
    'use strict';
    var grid = document.querySelector('table[data-grid]');
    if (!grid) {
        return;
    }
    var byKey = { a: '2', e: '1', n: '0' };
    var moves = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    function cell(row, col) {
        return grid.querySelector('select[data-row="' + row + '"][data-col="' + col + '"]');
    }
    function paint(select) {
        var td = select.closest('td');
        if (td) {
            td.className = 'state-' + select.value;
        }
    }
    grid.addEventListener('change', function (e) {
        if (e.target.tagName === 'SELECT') {
            paint(e.target);
        }
    });
    grid.addEventListener('keydown', function (e) {
        var select = e.target;
        if (select.tagName !== 'SELECT' || e.altKey || e.ctrlKey || e.metaKey) {
            return;
        }
        var row = parseInt(select.dataset.row, 10);
        var col = parseInt(select.dataset.col, 10);
        var move = moves[e.key];
        if (move) {
            var next = cell(row + move[0], col + move[1]);
            e.preventDefault();
            if (next) {
                next.focus();
            }
            return;
        }
        var value = byKey[e.key.toLowerCase()];
        if (value !== undefined) {
            e.preventDefault();
            select.value = value;
            paint(select);
        }
    });
}());
