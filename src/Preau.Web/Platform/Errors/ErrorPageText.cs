namespace Preau.Web.Platform.Errors;

/// <summary>
/// A more precise sentence for the error page than its code's general one, set by whatever refused the request and
/// shown by <c>/erreur/{code}</c> when the status code pages render it for the same request.
/// </summary>
public static class ErrorPageText
{
    private const string Item = "preau:error-text";

    public static void Set(HttpContext http, string message) => http.Items[Item] = message;

    public static string? Get(HttpContext http) => http.Items[Item] as string;
}
