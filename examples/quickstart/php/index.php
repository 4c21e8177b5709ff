<?php
// missedcall quickstart in plain PHP, the way the original service's users wrote it: the
// compat API (API.dvf) with file_get_contents. Run: php -S 127.0.0.1:8001 index.php
// Settings (environment): GATEWAY_URL, PASSKEY, WEBHOOK_SECRET, PUBLIC_URL (this app, for the
// webhook), DATA_DIR (where verified sessions are noted).
$gateway = rtrim(getenv('GATEWAY_URL') ?: 'http://127.0.0.1:8080', '/');
$passkey = getenv('PASSKEY');
$secret = getenv('WEBHOOK_SECRET');
$public = rtrim(getenv('PUBLIC_URL') ?: 'http://127.0.0.1:8001', '/');
$data = getenv('DATA_DIR') ?: sys_get_temp_dir();
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);

function reply($status, $body) {
    http_response_code($status);
    header('Content-Type: application/json');
    echo json_encode($body);
    exit;
}

// The widget's read token: the same HMAC the gateway computes (docs/integration/README.md).
function widget_token($sid, $secret) {
    $mac = hash_hmac('sha256', 'missedcall-widget-v1:' . $sid, $secret, true);
    return rtrim(strtr(base64_encode(substr($mac, 0, 16)), '+/', '-_'), '=');
}

// X-Missedcall-Signature: t=<unix>,v1=<hex>[,v1=<hex>] over "<t>.<METHOD>.<request target>.<body>".
function signature_ok($header, $secret, $method, $target, $body) {
    $t = null; $macs = [];
    foreach (explode(',', $header) as $part) {
        [$k, $v] = array_pad(explode('=', $part, 2), 2, '');
        if ($k === 't') $t = (int)$v;
        if ($k === 'v1') $macs[] = $v;
    }
    if ($t === null || abs(time() - $t) > 300) return false;
    $expected = hash_hmac('sha256', "$t.$method.$target.$body", $secret);
    foreach ($macs as $mac) if (hash_equals($expected, $mac)) return true;
    return false;
}

if ($path === '/' ) {
    header('Content-Type: text/html; charset=utf-8');
    echo str_replace('{{GATEWAY}}', htmlspecialchars($gateway), file_get_contents(__DIR__ . '/../page.html'));
} elseif ($path === '/start' && $_SERVER['REQUEST_METHOD'] === 'POST') {
    $input = json_decode(file_get_contents('php://input'), true);
    $url = $gateway . '/Integ/API.dvf?' . http_build_query([
        'mobile' => $input['mobile'] ?? '', 'passkey' => $passkey, 'notify' => $public . '/webhook', 'out' => 'JSON',
    ]);
    $answer = json_decode(@file_get_contents($url, false, stream_context_create(['http' => ['ignore_errors' => true]])), true);
    if (($answer['APIStatus'] ?? '') !== 'Success') reply(502, ['error' => $answer['Message'] ?? 'the gateway did not answer']);
    reply(200, ['id' => $answer['SessionId'], 'token' => widget_token($answer['SessionId'], $secret), 'dial' => $answer['VerificationNode']]);
} elseif ($path === '/webhook') {
    $body = file_get_contents('php://input');
    if (!signature_ok($_SERVER['HTTP_X_MISSEDCALL_SIGNATURE'] ?? '', $secret, $_SERVER['REQUEST_METHOD'], $_SERVER['REQUEST_URI'], $body)) {
        reply(401, ['error' => 'bad signature']);
    }
    $sid = $_GET['SID'] ?? '';
    file_put_contents($data . '/verified-' . hash('sha256', $sid), $_GET['VerifiedNumber'] ?? '');
    reply(200, ['ok' => true]);
} elseif ($path === '/verified') {
    $sid = $_GET['id'] ?? '';
    reply(200, ['id' => $sid, 'verified' => file_exists($data . '/verified-' . hash('sha256', $sid))]);
} else {
    reply(404, ['error' => 'not found']);
}
