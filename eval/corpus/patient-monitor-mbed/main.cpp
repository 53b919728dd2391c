/*
 * VitalSign PM-12 bedside patient monitor - Mbed OS 6 application entry.
 * SPDX-License-Identifier: LicenseRef-VitalSign
 */
#include "mbed.h"
#include "NetworkManager.h"
#include "TelemetryClient.h"
#include "VitalsAcquisition.h"
#include "AlarmService.h"
#include "Hl7Bridge.h"

using namespace std::chrono_literals;

static EventQueue queue(32 * EVENTS_EVENT_SIZE);
static Thread eventThread(osPriorityNormal, 8192);
static NetworkManager network;
static TelemetryClient telemetry;
static VitalsAcquisition vitals;
static AlarmService alarms;
static Hl7Bridge hl7;

static void onVitals(const VitalsFrame &frame)
{
    alarms.evaluate(frame);
    queue.call([frame] {
        if (network.isConnected()) {
            telemetry.publish(frame);
            hl7.sendObservation(frame);
        }
    });
}

int main()
{
    printf("VitalSign PM-12 starting\r\n");
    eventThread.start(callback(&queue, &EventQueue::dispatch_forever));

    alarms.start();
    vitals.onFrame(callback(onVitals));
    vitals.start(std::chrono::milliseconds(PM12_VITALS_PERIOD_MS));

    if (network.connect() == NSAPI_ERROR_OK) {
        telemetry.connect(network.interface());
        hl7.connect(network.interface());
    } else {
        alarms.raiseTechnical(AlarmService::Technical::NetworkDown);
    }

    while (true) {
        ThisThread::sleep_for(10s);
        if (!network.isConnected() && network.connect() == NSAPI_ERROR_OK) {
            telemetry.connect(network.interface());
        }
    }
}
