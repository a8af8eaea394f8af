// Shows the answer. The page has no backend: it asks a static answer.json next to it
// and says "unknown" when there is none. Nothing here depends on the Python package.
(function () {
    "use strict";

    const target = document.getElementById("answer");

    fetch("answer.json")
        .then(function (response) {
            return response.ok ? response.json() : { answer: "unknown" };
        })
        .catch(function () {
            return { answer: "unknown" };
        })
        .then(function (data) {
            target.textContent = String(data.answer);
        });
})();
