using Microsoft.EntityFrameworkCore;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Subscriptions;

/// <summary>
/// The one place where a lapsed subscription is enforced: every change (any method but GET/HEAD/OPTIONS/TRACE, pages
/// and API alike) by a person whose only schools are not covered is refused before it reaches a module, so no module
/// has to think about subscriptions and nothing is ever deleted. Pages lead to a French explanation, the API answers
/// 403 ProblemDetails. Signing in and out, one's account, the language and notifications stay usable.
/// </summary>
internal sealed class ReadOnlyGuard(RequestDelegate next)
{
    public const string ExplanationPath = "/lecture-seule";

    // Help stays reachable: a lapsed school may still ask the help desk (tickets, consent to remote assistance).
    // Training sessions are the Éducation nationale's, not the collectivité's, so a teacher still registers; and a
    // school still tells its town hall of a leak (the request itself, its comments and photos) — the subscription
    // paid for the school's own space, not for the right to ask the collectivité for repairs.
    private static readonly string[] AlwaysAllowed = ["/connexion", "/deconnexion", "/langue", "/compte", "/notifications", "/hubs", "/erreur", "/assistance", "/aide",
        "/formations", "/demandes-mairie", ExplanationPath];

    public async Task InvokeAsync(HttpContext http, SchoolCoverage coverage, AccessContext access)
    {
        var method = http.Request.Method;
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method)
            || http.User.Identity?.IsAuthenticated != true
            || AlwaysAllowed.Any(p => http.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))
            || IsTownHallRequestOfSchool(http.Request.Path))
        {
            await next(http);
            return;
        }
        var snapshot = await coverage.SnapshotAsync(http.RequestAborted);
        if (!snapshot.Enforced || !SchoolCoverage.IsReadOnly(snapshot, await access.GetAsync(http.RequestAborted)))
        {
            await next(http);
            return;
        }
        if (http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "École en lecture seule.",
                detail: "L'abonnement de votre école n'est plus en cours : vous pouvez consulter, mais plus modifier.").ExecuteAsync(http);
            return;
        }
        // 303: the browser follows with a GET, so the refused form is not posted again.
        http.Response.StatusCode = StatusCodes.Status303SeeOther;
        http.Response.Headers.Location = ExplanationPath;
    }

    /// <summary>/ecole/{id}/demandes-mairie/… : a school's requests to its town hall (filed from the school's pages).</summary>
    internal static bool IsTownHallRequestOfSchool(PathString path)
    {
        var segments = (path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length >= 3 && segments[0].Equals("ecole", StringComparison.OrdinalIgnoreCase)
            && Guid.TryParse(segments[1], out _) && segments[2].Equals("demandes-mairie", StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>The banner on every page of the people of a lapsed school (their own schools only).</summary>
public sealed class LapsedBanner(SchoolCoverage coverage, AccessContext access, PreauDbContext db)
{
    public async Task<IReadOnlyList<string>> LapsedSchoolsAsync(CancellationToken ct = default)
    {
        if (access.PersonId is null)
        {
            return [];
        }
        var snapshot = await coverage.SnapshotAsync(ct);
        if (!snapshot.Enforced)
        {
            return [];
        }
        var a = await access.GetAsync(ct);
        if (a.IsOperator || a.HasRole(People.Data.Role.Advisor))
        {
            return [];
        }
        var lapsed = SchoolCoverage.SchoolsOf(a).Where(s => !snapshot.Covered.Contains(s)).ToList();
        return lapsed.Count == 0
            ? []
            : await db.Schools.AsNoTracking().Where(s => lapsed.Contains(s.Id)).OrderBy(s => s.Name).Select(s => s.Name).ToListAsync(ct);
    }

    public async Task<bool> IsReadOnlyAsync(CancellationToken ct = default) =>
        access.PersonId is not null && SchoolCoverage.IsReadOnly(await coverage.SnapshotAsync(ct), await access.GetAsync(ct));
}
