// The fishbone page: PNG download, drawn from the page's own SVG (nothing is fetched).
"use strict";
(function () {
  const button = document.getElementById("download-png");
  const svg = document.getElementById("fishbone");
  if (!button || !svg) return;
  button.addEventListener("click", () => {
    const copy = svg.cloneNode(true);
    copy.setAttribute("xmlns", "http://www.w3.org/2000/svg");
    const [, , w, h] = svg.getAttribute("viewBox").split(" ").map(Number);
    const text = new XMLSerializer().serializeToString(copy);
    const image = new Image();
    image.onload = () => {
      const scale = 2;
      const canvas = document.createElement("canvas");
      canvas.width = w * scale;
      canvas.height = h * scale;
      const ctx = canvas.getContext("2d");
      ctx.fillStyle = "#fff";
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
      canvas.toBlob((blob) => {
        const link = document.createElement("a");
        link.href = URL.createObjectURL(blob);
        link.download = "fishbone.png";
        link.click();
        setTimeout(() => URL.revokeObjectURL(link.href), 1000);
      }, "image/png");
    };
    image.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(text);
  });
})();
