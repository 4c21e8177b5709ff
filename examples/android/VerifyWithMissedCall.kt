// Android: open the dialer with the number to call (no CALL_PHONE permission needed: the user
// presses the call button). `session` is what your backend answered (POST /v1/verifications:
// dial_e164, id, widget_token). Then poll your backend — it learns of the call by signed webhook —
// or the gateway's widget endpoint with the token: GET /v1/widget/sessions/{id}?token=…&wait=25.
import android.content.Intent
import android.net.Uri
import androidx.appcompat.app.AppCompatActivity

fun AppCompatActivity.dialToVerify(dialE164: String) {
    // tel:+914466949401 — ACTION_DIAL fills the number in and lets the user place the call.
    startActivity(Intent(Intent.ACTION_DIAL, Uri.parse("tel:" + Uri.encode(dialE164))))
}

// Reading the state without the passkey, e.g. with OkHttp on a background thread:
//   val url = "$gateway/v1/widget/sessions/${Uri.encode(id)}?token=${Uri.encode(token)}&wait=25"
//   val status = JSONObject(client.newCall(Request.Builder().url(url).build()).execute().body!!.string())
//       .getString("status")   // "pending", "verified" or "expired"
