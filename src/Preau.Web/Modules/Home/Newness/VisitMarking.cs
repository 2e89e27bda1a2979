using System.Security.Claims;
using Preau.Web.Modules.Home.Contracts;

namespace Preau.Web.Modules.Home.Newness;

/// <summary>
/// Marks a visit when a signed-in person opens a counted service of a space from its address — /classe/{id}/blog,
/// /ecole/{id}/albums, /groupe/{id}/forum… — and the page answered (200, or the blog tile's redirect). The page itself
/// decided whether the person may be there; nothing is marked for a refusal. One string split per request, no query.
/// Pages reached by other addresses (today a blog's own address and its articles') say which space they belong to
/// through <see cref="ServiceVisit"/>.
/// </summary>
internal static class VisitMarking
{
    private static readonly Dictionary<string, string> Services = new(StringComparer.Ordinal)
    {
        ["blog"] = ServiceKeys.Blog,
        ["albums"] = ServiceKeys.Albums,
        ["documents"] = ServiceKeys.Documents,
        ["forum"] = ServiceKeys.Forum,
        ["cahier-de-textes"] = ServiceKeys.Homework,
    };

    /// <summary>The service and space of a counted service's address, or null.</summary>
    public static (string Service, Guid ScopeId)? Parse(string? path)
    {
        if (path is null || path.Length < 40)
        {
            return null;
        }
        var parts = path.AsSpan().TrimEnd('/');
        Span<Range> ranges = stackalloc Range[5];
        var n = parts.Split(ranges, '/');
        if (n != 4 || parts[ranges[0]].Length != 0)
        {
            return null;
        }
        var kind = parts[ranges[1]];
        if (!kind.SequenceEqual("classe") && !kind.SequenceEqual("ecole") && !kind.SequenceEqual("groupe"))
        {
            return null;
        }
        if (!Guid.TryParse(parts[ranges[2]], out var scopeId) || !Services.TryGetValue(parts[ranges[3]].ToString(), out var service))
        {
            return null;
        }
        return (service, scopeId);
    }

    /// <summary>What a page said it is (<see cref="ServiceVisit"/>), when it answered with itself.</summary>
    private static (string Service, Guid ScopeId)? Marked(HttpContext context, int status) =>
        status == StatusCodes.Status200OK && context.Items.TryGetValue(ServiceVisit.Item, out var value) && value is (string service, Guid scopeId)
            ? (service, scopeId)
            : null;

    public static async Task MarkAsync(HttpContext context, Func<Task> next)
    {
        await next();
        var status = context.Response.StatusCode;
        if (!HttpMethods.IsGet(context.Request.Method) || (status != StatusCodes.Status200OK && status != StatusCodes.Status302Found)
            || context.User.Identity?.IsAuthenticated != true
            // The help desk acting as the person (with their consent) must not make their news disappear.
            || Helpdesk.Contracts.RemoteAssistance.IsActingAs(context)
            || (Parse(context.Request.Path.Value) ?? Marked(context, status)) is not { } visit
            || !Guid.TryParse(context.User.FindFirstValue(ClaimTypes.NameIdentifier), out var person))
        {
            return;
        }
        // A redirect counts only for the blog's tile (it sends to the blog itself); elsewhere it means « not here ».
        if (status == StatusCodes.Status302Found && visit.Service != ServiceKeys.Blog)
        {
            return;
        }
        var time = context.RequestServices.GetRequiredService<TimeProvider>();
        context.RequestServices.GetRequiredService<VisitMarks>().Mark(person, visit.Service, visit.ScopeId, time.GetUtcNow().UtcDateTime);
    }
}
