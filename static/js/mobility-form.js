// The mobility form: picking a host fills in the destination from the host's city and
// country (carried by the host's option as data-city and data-country). The country is
// always the host's; a city typed in by hand is kept, unless it was the previous host's.
(function () {
  "use strict";

  function fillDestination(select, previous) {
    var form = select.form;
    var option = select.options[select.selectedIndex];
    if (!option || !option.value) { return; }
    var city = form.querySelector("[name=destination_city]");
    var country = form.querySelector("[name=destination_country]");
    var hostCity = option.getAttribute("data-city") || "";
    var hostCountry = option.getAttribute("data-country") || "";
    if (city && hostCity && (city.value.trim() === "" || city.value === previous)) {
      city.value = hostCity;
    }
    if (country && hostCountry) {
      country.value = hostCountry;
    }
  }

  function cityOf(select) {
    var option = select.options[select.selectedIndex];
    return option ? option.getAttribute("data-city") || "" : "";
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("select[data-fills-destination]").forEach(function (select) {
      var previous = cityOf(select);
      // Runs before the change reaches the form, so the grant preview sees the new
      // destination.
      select.addEventListener("change", function () {
        fillDestination(select, previous);
        previous = cityOf(select);
      });
    });
  });
})();
