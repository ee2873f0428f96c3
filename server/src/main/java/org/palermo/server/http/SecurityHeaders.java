package org.palermo.server.http;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The hardening headers every response carries, errors included: set before the request is
 * handled (so they survive whatever the application writes) and again by {@link
 * ProblemErrorHandler} for the errors Jetty answers itself.
 */
public final class SecurityHeaders extends Handler.Wrapper {
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
  static final String PERMISSIONS_POLICY = "accelerometer=(), camera=(), geolocation=(),"
      + " gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=(), interest-cohort=()";

  public SecurityHeaders(Handler handler) {
    super(handler);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    apply(response.getHeaders());
    return super.handle(request, response, callback);
  }

  public static void apply(HttpFields.Mutable headers) {
    headers.put(HttpHeader.STRICT_TRANSPORT_SECURITY, "max-age=63072000; includeSubDomains");
    headers.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    headers.put("X-Content-Type-Options", "nosniff");
    headers.put("Referrer-Policy", "no-referrer");
    headers.put("X-Frame-Options", "DENY");
    headers.put("Permissions-Policy", PERMISSIONS_POLICY);
    headers.put("Cross-Origin-Opener-Policy", "same-origin");
    headers.put("Cross-Origin-Resource-Policy", "same-origin");
    headers.put(HttpHeader.CACHE_CONTROL, "no-store");
  }
}
