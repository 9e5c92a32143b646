/* "Nghe đọc": read the current screen aloud with a Vietnamese voice (Web Speech API).
   Without a Vietnamese voice the pre-generated <audio> file (if any) stays as the fallback;
   without both, the button stays hidden. No network, no other host. */
(function () {
  "use strict";
  var button = document.getElementById("read-aloud");
  var audio = document.getElementById("screen-audio");
  var text = document.getElementById("screen-text");
  var synth = window.speechSynthesis;
  if (!button || !text || !synth || !window.SpeechSynthesisUtterance) return;

  function vietnameseVoice() {
    var voices = synth.getVoices() || [];
    for (var i = 0; i < voices.length; i++) {
      var lang = (voices[i].lang || "").toLowerCase().replace("_", "-");
      if (lang === "vi-vn" || lang === "vi") return voices[i];
    }
    return null;
  }

  function speaking(on) {
    button.textContent = on ? button.dataset.stop : button.dataset.speak;
    button.setAttribute("aria-pressed", on ? "true" : "false");
  }

  function setup() {
    var voice = vietnameseVoice();
    if (!voice) return false;
    button.hidden = false;
    if (audio) audio.hidden = true;
    button.addEventListener("click", function () {
      if (synth.speaking) { synth.cancel(); speaking(false); return; }
      var utterance = new SpeechSynthesisUtterance(text.innerText);
      utterance.lang = "vi-VN";
      utterance.voice = voice;
      utterance.rate = 0.9;
      utterance.onend = utterance.onerror = function () { speaking(false); };
      speaking(true);
      synth.speak(utterance);
    });
    window.addEventListener("pagehide", function () { synth.cancel(); });
    return true;
  }

  if (!setup() && "onvoiceschanged" in synth) {
    var done = false;
    synth.addEventListener("voiceschanged", function () { if (!done) done = setup(); });
  }
})();
