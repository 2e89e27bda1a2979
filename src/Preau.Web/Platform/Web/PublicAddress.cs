namespace Preau.Web.Platform.Web;

/// <summary>
/// The platform's address in the links it sends out (e-mails, printed letters): <c>Preau:PublicUrl</c> when it is set,
/// never the request's Host header then — a client chooses that header, and a password-reset link built from it would
/// carry its token to whatever site the client named. Without the setting (the embedded default, a development
/// machine), the given fallback: usually the request's own origin.
/// </summary>
public static class PublicAddress
{
    public static string Root(IConfiguration configuration, string fallback) =>
        (configuration["Preau:PublicUrl"] is { } configured && !string.IsNullOrWhiteSpace(configured) ? configured : fallback).TrimEnd('/');

    public static string Root(IConfiguration configuration, HttpRequest request) => Root(configuration, $"{request.Scheme}://{request.Host}");
}
