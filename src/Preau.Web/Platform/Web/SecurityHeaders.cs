namespace Preau.Web.Platform.Web;

internal static class SecurityHeaders
{
    /// <summary>Everything is served by the platform itself: no third-party script, font or frame.</summary>
    public static Task AddAsync(HttpContext context, Func<Task> next)
    {
        var h = context.Response.Headers;
        h.XContentTypeOptions = "nosniff";
        h.XFrameOptions = "DENY";
        h["Referrer-Policy"] = "same-origin";
        h.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'";
        return next();
    }
}
