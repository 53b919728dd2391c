/* VitalSign central monitoring CA (internal PKI, valid until 2034). */
#pragma once

static const char PM12_CMS_ROOT_CA[] =
    "-----BEGIN CERTIFICATE-----\n"
    "Uru7xE3zYUrIyDx/mJiJvSK4hWQxi6RNUMPB86U9VsQw/5Jhg8mNhwpGH0Fmr2vB\n"
    "B168JA/2FEula85TXh/qQCov6If/eTpdNRQs+isXLOD4az1xINntmS3Hu+FpsIy9\n"
    "2uZ2zeRmQeMa7BGAxf7/h+FsofocJP6xgg/7YmC7JkpT9Evaa+vHiYM02sb8mhZv\n"
    "fl9hgJ/gnOaqSaxKxj5hQHyszkshnmjgnOpYk2PtvC+DG109gfQ8/t6DeaXs03V8\n"
    "/31MfemfgHlw9X1wxn+M75sX/HqGUGG1i376i32Cx6xRcYZ5Kv5hAIMTGifEPUwi\n"
    "lnbKknb6jkBz+fatvOZhtUiABWNnhp9tgBrnnbn028HVAqACjr2ANp80QufiDIZD\n"
    "xbhu/FZ4tMnyM46H36H3Rmkf2vrf3n8YFwuAEnQtJm0u73fG9/P3w+1y4EHGL00D\n"
    "iFzu/qL8nMjgsgUumuiCwj8b9wF30Ey5ODEmhpmlwO0GTRpcUwg6pxnNToUAOOsh\n"
    "yjHmYM7PfmZlJqYsTN2W1Ix6zJg4umdivh3Z2MMy8wxVjoaw+eKyd4+VYU2yE/1g\n"
    "MbzUJP6hMWnfpy+IxBb6B1VEEXIjw80OVIhZGJMPS9G6NV99xYBH+t9duJ3+v4be\n"
    "/jTC1JAJgzWe1xBTMUmGjAoxMkpJxS7pBUl0dQFFLClvzLDzp6mPyKAjry+fKjPh\n"
    "RkbGXFYUyMickZMh9KTWHI43XhsoJZwNlc/uSNgyk1rUVGU1aMQdL/o1hZhkXdx1\n"
    "JHWXfLoWMWWcx41Lr369PbUDpDquKE/ni/Q1Jsq5LvVv+9VYDB/FcwJMObWO4Qnq\n"
    "Dq5AYGIvMlW8+e+nuWUIsGanj+oiCYluLT+8RmFjjUzcRUVIy7XSTDHbjihjaKPp\n"
    "qBvw0OeEFruMKOtdgaGwJkV9/DV5XMFUIXIx1Q==\n"
    "-----END CERTIFICATE-----\n";
