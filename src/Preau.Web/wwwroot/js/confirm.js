// Asks before sending a form (or a button) marked data-confirm="question": deleting a pupil's quiz answers, an
// article or an account's access must not happen by one slip of the finger. Without JavaScript the form is sent as is.
document.addEventListener('submit', function (event) {
    var question = (event.submitter && event.submitter.getAttribute('data-confirm')) || event.target.getAttribute('data-confirm');
    if (question && !window.confirm(question)) {
        event.preventDefault();
        event.stopImmediatePropagation();
    }
}, true);
