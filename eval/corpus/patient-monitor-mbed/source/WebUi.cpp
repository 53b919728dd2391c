/*
 * VitalSign PM-12 - configuration pages served to the biomed laptop on the service port.
 * Static markup only; all values are filled in by the browser from /api/config.
 * SPDX-License-Identifier: LicenseRef-VitalSign
 */
#include "mbed.h"

namespace webui {

const char kIndexHtml[] =
    "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" "
    "\"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd\">"  // ok: DOCTYPE system id
    "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">"  // ok: XML namespace
    "<head><title>PM-12 service</title><link rel=\"stylesheet\" href=\"/style.css\"></head>"
    "<body><h1>VitalSign PM-12</h1>"
    "<form id=\"login\" method=\"post\" action=\"/api/login\">"
    "<label for=\"pw\">Service password</label>"
    "<input id=\"pw\" name=\"password\" type=\"password\" autocomplete=\"current-password\" minlength=\"12\">"  // ok: form field, no value
    "<button type=\"submit\">Log in</button></form>"
    "<p>Manual: <a href=\"https://support.vitalsign.health/pm12/manual.pdf\">PM-12 service manual</a></p>"
    "</body></html>";

const char kLogoSvg[] =
    "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" "  // ok: XML namespaces
    "viewBox=\"0 0 64 16\"><path d=\"M0 8 L10 8 L13 2 L17 14 L20 8 L64 8\" stroke=\"#0a7\" fill=\"none\"/></svg>";

const char kConfigSchema[] =
    "{\"$schema\":\"http://json-schema.org/draft-07/schema#\","  // ok: JSON schema id
    "\"type\":\"object\",\"properties\":{"
    "\"password\":{\"type\":\"string\",\"minLength\":12,\"description\":\"New service password\"},"  // ok: schema of the field
    "\"alarmVolume\":{\"type\":\"integer\",\"minimum\":3,\"maximum\":10}}}";

const char kMsgPasswordChanged[] = "Service password changed";  // ok: message
const char kMsgPasswordWeak[] = "Password must have at least 12 characters";  // ok: message

}  // namespace webui
