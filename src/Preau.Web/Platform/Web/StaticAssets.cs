namespace Preau.Web.Platform.Web;

/// <summary>
/// How long browsers keep the platform's own styles, scripts and images. The layout links them with a hash of their
/// content (<c>asp-append-version</c>: <c>?v=…</c>), so such a URL never changes meaning and may be kept a year
/// without asking again: a family's phone then loads a page without revalidating the stylesheet and the scripts.
/// Unversioned URLs keep the browser's own heuristics (and their ETag).
/// </summary>
internal static class StaticAssets
{
    public const string Immutable = "public, max-age=31536000, immutable";

    public static StaticFileOptions Options() => new()
    {
        OnPrepareResponse = ctx =>
        {
            if (ctx.Context.Request.Query.ContainsKey("v"))
            {
                ctx.Context.Response.Headers.CacheControl = Immutable;
            }
        },
    };
}
