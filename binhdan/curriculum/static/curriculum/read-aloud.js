/* Read-aloud. The "Nghe bài này" player (pre-generated audio, made by the server on its first
   play) is the one control every phone gets. Only when there is no player, or its audio
   cannot be played, does the "Nghe đọc" button read the screen with the phone's own
   Vietnamese voice (Web Speech API); without such a voice the button stays hidden.
   No network, no other host. */
(function () {
  "use strict";
  var button = document.getElementById("read-aloud");
  var listen = document.getElementById("listen");
  var audio = document.getElementById("screen-audio");
  var text = document.getElementById("screen-text");
  var synth = window.speechSynthesis;

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

  function useDeviceVoice() {
    if (!button || !text || !synth || !window.SpeechSynthesisUtterance) return;
    if (!setup() && "onvoiceschanged" in synth) {
      var done = false;
      synth.addEventListener("voiceschanged", function () { if (!done) done = setup(); });
    }
  }

  if (!audio) { useDeviceVoice(); return; }
  audio.addEventListener("error", function () {
    if (listen) listen.hidden = true;
    useDeviceVoice();
  });
})();
