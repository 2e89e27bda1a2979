using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Accounts;

internal static class AccountsApi
{
    public sealed record MeResponse(Guid Id, string FirstName, string LastName, string? Login, IReadOnlyList<string> Roles);

    public static void MapAccountsApi(this WebApplication app, RouteGroupBuilder api)
    {
        var group = api.MapGroup("/me").WithTags("Compte").RequireAuthorization(Policies.SignedIn);
        group.MapGet("/", async Task<Results<Ok<MeResponse>, NotFound>> (AccessContext context, PreauDbContext db, CancellationToken ct) =>
        {
            var access = await context.GetAsync(ct);
            var me = await db.Persons.AsNoTracking().Where(p => p.Id == access.PersonId)
                .Select(p => new { p.Id, p.FirstName, p.LastName, Login = db.Users.Where(u => u.Id == p.Id).Select(u => u.UserName).FirstOrDefault() })
                .FirstOrDefaultAsync(ct);
            if (me is null)
            {
                return TypedResults.NotFound();
            }
            var roles = access.Memberships.Select(m => m.Role.ToString()).Concat(access.IsGuardian ? ["Guardian"] : []).Distinct().ToList();
            return TypedResults.Ok(new MeResponse(me.Id, me.FirstName, me.LastName, me.Login, roles));
        }).WithName("GetMe").WithSummary("La personne connectée et ses rôles");
    }
}
