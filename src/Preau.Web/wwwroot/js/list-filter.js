// Narrows long lists of links as one types (an administrator's statistics reach hundreds of collectivités). The
// field is hidden in the HTML and shown here: without JavaScript the whole list is still there, grouped by level.
(function () {
    'use strict';
    function fold(text) {
        return (text || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[\s'’-]+/g, ' ').trim();
    }
    document.querySelectorAll('[data-filter-list]').forEach(function (box) {
        var input = box.querySelector('[data-filter-input]');
        var status = box.querySelector('[data-filter-status]');
        if (!input) {
            return;
        }
        var field = input.closest('[hidden]') || input;
        field.hidden = false;
        var items = Array.prototype.map.call(box.querySelectorAll('li'), function (li) {
            return { li: li, text: fold(li.textContent) };
        });
        var groups = box.querySelectorAll('[data-filter-group]');
        input.addEventListener('input', function () {
            var words = fold(input.value).split(' ').filter(Boolean);
            var shown = 0;
            items.forEach(function (item) {
                var match = words.every(function (w) { return item.text.indexOf(w) >= 0; });
                item.li.hidden = !match;
                if (match) {
                    shown++;
                }
            });
            groups.forEach(function (group) {
                group.hidden = !group.querySelector('li:not([hidden])');
            });
            if (status) {
                status.textContent = words.length === 0 ? '' : (shown === 0 ? status.getAttribute('data-none')
                    : shown === 1 ? status.getAttribute('data-one') : status.getAttribute('data-many').replace('{0}', shown));
            }
        });
    });
})();
