// OxiClip H2 - 128x32 OLED.
#include <Arduino.h>
#include <Adafruit_SSD1306.h>
#include "display.h"

static Adafruit_SSD1306 oled(128, 32, &Wire, -1);

void displayInit() {
  oled.begin(SSD1306_SWITCHCAPVCC, 0x3C);
  oled.setTextColor(SSD1306_WHITE);
  oled.clearDisplay();
  oled.display();
}

void displayMessage(const char *msg) {
  oled.clearDisplay();
  oled.setTextSize(1);
  oled.setCursor(0, 12);
  oled.print(msg);
  oled.display();
}

void displayReading(uint8_t spo2, uint8_t bpm, float pi) {
  oled.clearDisplay();
  oled.setTextSize(2);
  oled.setCursor(0, 0);
  oled.printf("%u%%", spo2);
  oled.setCursor(70, 0);
  oled.printf("%u", bpm);
  oled.setTextSize(1);
  oled.setCursor(0, 24);
  oled.printf("SpO2   PR   PI %.1f", pi);
  oled.display();
}
