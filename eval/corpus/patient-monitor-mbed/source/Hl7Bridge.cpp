/*
 * VitalSign PM-12 - HL7v2 ORU^R01 observations, posted to the HIS integration gateway.
 * Message structure per HL7 v2.6 chapter 7 (see http://www.hl7.org/implement/standards/).
 * SPDX-License-Identifier: LicenseRef-VitalSign
 */
#include "Hl7Bridge.h"
#include "http_request.h"
#include "mbed-trace/mbed_trace.h"

#define TRACE_GROUP "HL7"

static const char kMshTemplate[] =
    "MSH|^~\\&|PM12|WARD|HIS|HOSP|%s||ORU^R01|%lu|P|2.6\r"
    "OBX|1|NM|8867-4^Heart rate^LN||%u|/min|||||F\r"
    "OBX|2|NM|59408-5^SpO2^LN||%u|%%|||||F\r"
    "OBX|3|NM|8480-6^Systolic BP^LN||%u|mm[Hg]|||||F\r";

void Hl7Bridge::sendObservation(const VitalsFrame &f)
{
    if (_net == nullptr || (f.seq % 60) != 0) {  // one observation set per minute
        return;
    }
    char body[384];
    char timestamp[16];
    time_t now = time(nullptr);
    strftime(timestamp, sizeof(timestamp), "%Y%m%d%H%M%S", gmtime(&now));
    int n = snprintf(body, sizeof(body), kMshTemplate, timestamp, (unsigned long)++_messageId, f.heartRate, f.spo2,
                     f.nibpSys);

    HttpRequest req(_net, HTTP_POST, MBED_CONF_APP_HL7_SERVER_URL);  // ok: URL from mbed_app.json, reported there
    req.set_header("Content-Type", "x-application/hl7-v2+er7");
    HttpResponse *res = req.send(body, n);
    if (res == nullptr || res->get_status_code() != 200) {
        tr_warn("HL7 post failed");
    }
}
