// Progressive enhancement: show the chosen variant's price. Without JavaScript the
// radio buttons still list every price and the form still works.
(function () {
  "use strict";
  var price = document.getElementById("product-price");
  var form = document.querySelector(".add-to-cart");
  if (!price || !form) { return; }
  form.addEventListener("change", function (event) {
    var input = event.target;
    if (input.name === "variant" && input.checked && input.dataset.price) {
      price.textContent = input.dataset.price;
    }
  });
})();
