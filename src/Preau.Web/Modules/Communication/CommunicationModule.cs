using Microsoft.AspNetCore.Http.HttpResults;
using Preau.Web.Modules.Communication.Contracts;
using Preau.Web.Modules.Communication.Crisis;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.PersonalData;

namespace Preau.Web.Modules.Communication;

internal static class CommunicationModule
{
    public const int PageSize = 50;

    public sealed record ReachablePage(IReadOnlyList<Reachable> Items, int Total, int Page, int PageSize);

    public sealed record MayWriteResponse(bool Allowed, string? Reason);

    public static void AddCommunication(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CommunicationRules>();
        builder.Services.AddPersonalDataErasure<CommunicationPersonalData>();
        builder.Services.AddScoped<CrisisBanner>();
    }

    public static void MapCommunicationApi(this WebApplication app, RouteGroupBuilder api)
    {
        var group = api.MapGroup("/communication").WithTags("Communication").RequireAuthorization(Policies.SignedIn);
        group.MapGet("/reachable", async Task<Ok<ReachablePage>> (string? q, int? page, AccessContext context, CommunicationRules rules, CancellationToken ct) =>
        {
            var access = await context.GetAsync(ct);
            var p = Math.Max(1, page ?? 1);
            var (items, total) = await rules.ReachableAsync(access.PersonId, q, (p - 1) * PageSize, PageSize, ct);
            return TypedResults.Ok(new ReachablePage(items, total, p, PageSize));
        }).WithName("GetReachable").WithSummary("Les personnes à qui la personne connectée peut écrire");
        group.MapGet("/may-write/{personId:guid}", async Task<Ok<MayWriteResponse>> (Guid personId, AccessContext context, CommunicationRules rules, CancellationToken ct) =>
        {
            var access = await context.GetAsync(ct);
            var decision = await rules.MayWriteAsync(access.PersonId, personId, ct);
            return TypedResults.Ok(new MayWriteResponse(decision.Allowed, decision.Reason));
        }).WithName("GetMayWrite").WithSummary("La personne connectée peut-elle écrire à cette personne ?");
    }
}
