/*
 * VitalSign PM-12 - acquisition from the parameter modules on the internal SPI bus.
 * SPDX-License-Identifier: LicenseRef-VitalSign
 */
#include "VitalsAcquisition.h"

static SPI moduleBus(PTD2, PTD3, PTD1);
static DigitalOut csEcg(PTD0, 1);
static DigitalOut csSpo2(PTC4, 1);
static DigitalOut csNibp(PTC12, 1);

static uint16_t readModule(DigitalOut &cs, uint8_t reg)
{
    cs = 0;
    moduleBus.write(reg | 0x80);
    uint16_t hi = moduleBus.write(0x00);
    uint16_t lo = moduleBus.write(0x00);
    cs = 1;
    return (hi << 8) | lo;
}

void VitalsAcquisition::start(std::chrono::milliseconds period)
{
    moduleBus.format(8, 1);
    moduleBus.frequency(2000000);
    _ticker.attach([this] { _queue->call(callback(this, &VitalsAcquisition::sample)); }, period);
}

void VitalsAcquisition::sample()
{
    VitalsFrame f{};
    f.seq = _seq++;
    f.heartRate = readModule(csEcg, 0x01);
    f.respRate = readModule(csEcg, 0x02);
    f.spo2 = (uint8_t)readModule(csSpo2, 0x01);
    f.nibpSys = readModule(csNibp, 0x01);
    f.nibpDia = readModule(csNibp, 0x02);
    f.tempCx10 = (int16_t)readModule(csEcg, 0x05);
    if (_cb) {
        _cb(f);
    }
}
