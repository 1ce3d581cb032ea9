// The optional drawn signature on the signing page: a canvas drawn with a finger, a pen
// or a mouse. On submit the drawing goes into the hidden field as a PNG data URL; without
// JavaScript (or without a drawing) the agreement is signed with the typed name alone.
(function () {
  "use strict";

  function setUp(container) {
    var form = container.closest("form");
    var canvas = container.querySelector("canvas");
    var field = form.querySelector("input[name=drawn_signature]");
    var context = canvas.getContext("2d");
    var drawing = false;
    var drawn = false;

    // Draw in the canvas's own pixels whatever its size on screen.
    function point(event) {
      var box = canvas.getBoundingClientRect();
      return {
        x: (event.clientX - box.left) * (canvas.width / box.width),
        y: (event.clientY - box.top) * (canvas.height / box.height)
      };
    }

    context.lineWidth = 2.5;
    context.lineCap = "round";
    context.lineJoin = "round";
    context.strokeStyle = "#10215a";

    canvas.addEventListener("pointerdown", function (event) {
      event.preventDefault();
      canvas.setPointerCapture(event.pointerId);
      drawing = true;
      var p = point(event);
      context.beginPath();
      context.moveTo(p.x, p.y);
    });
    canvas.addEventListener("pointermove", function (event) {
      if (!drawing) { return; }
      event.preventDefault();
      var p = point(event);
      context.lineTo(p.x, p.y);
      context.stroke();
      drawn = true;
    });
    ["pointerup", "pointercancel", "pointerleave"].forEach(function (name) {
      canvas.addEventListener(name, function () { drawing = false; });
    });

    container.querySelector("[data-signature-clear]").addEventListener("click", function () {
      context.clearRect(0, 0, canvas.width, canvas.height);
      drawn = false;
      field.value = "";
    });

    form.addEventListener("submit", function () {
      field.value = drawn ? canvas.toDataURL("image/png") : "";
    });

    // The form came back (a name typed differently, say): the drawing sent with it is
    // in the hidden field; show it again rather than silently dropping it.
    if (field.value.indexOf("data:image/png;base64,") === 0) {
      var image = new Image();
      image.onload = function () {
        context.drawImage(image, 0, 0, canvas.width, canvas.height);
        drawn = true;
      };
      image.src = field.value;
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-signature-pad]").forEach(setUp);
  });
})();
