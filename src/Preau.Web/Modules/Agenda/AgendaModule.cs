using Preau.Web.Modules.Agenda.Contracts;
using Preau.Web.Modules.Agenda.Data;
using Preau.Web.Modules.Agenda.Feeds;
using Preau.Web.Modules.Home.Contracts;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.PersonalData;
using Preau.Web.Platform.Telemetry;

namespace Preau.Web.Modules.Agenda;

internal static class AgendaModule
{
    public static void AddAgenda(this WebApplicationBuilder builder)
    {
        builder.Services.AddPersonalData<AgendaPersonalData>();
        builder.Services.AddScoped<AgendaDirectory>();
        builder.Services.AddScoped<AgendaQueries>();
        builder.Services.AddSingleton(AgendaQueries.Upcoming);
        builder.Services.AddScoped<IAgendaUpcoming, AgendaUpcoming>();
        builder.Services.AddScoped<Holidays.HolidayStore>();
        builder.Services.Configure<SecretPathOptions>(o => o.Prefixes.Add(IcsFeed.PathPrefix));
    }

    /// <summary>The feed, and the links of the class, school and group spaces, which lead to the agenda's own page.</summary>
    public static void MapAgenda(this WebApplication app)
    {
        app.MapAgendaFeed();
        app.MapGet("/classe/{id:guid}/agenda", (Guid id, AccessContext c, AgendaDirectory d, IServiceSwitches s, CancellationToken ct) => ToAgendaAsync(AgendaKind.Class, id, c, d, s, ct))
            .RequireAuthorization(Policies.SignedIn).ExcludeFromDescription();
        app.MapGet("/ecole/{id:guid}/agenda", (Guid id, AccessContext c, AgendaDirectory d, IServiceSwitches s, CancellationToken ct) => ToAgendaAsync(AgendaKind.School, id, c, d, s, ct))
            .RequireAuthorization(Policies.SignedIn).ExcludeFromDescription();
        app.MapGet("/groupe/{id:guid}/agenda", (Guid id, AccessContext c, AgendaDirectory d, IServiceSwitches s, CancellationToken ct) => ToAgendaAsync(AgendaKind.Group, id, c, d, s, ct))
            .RequireAuthorization(Policies.SignedIn).ExcludeFromDescription();
    }

    private static async Task<IResult> ToAgendaAsync(AgendaKind kind, Guid ownerId, AccessContext context, AgendaDirectory directory, IServiceSwitches switches, CancellationToken ct)
    {
        var agenda = (await directory.ListAsync(await context.GetAsync(ct), ct)).FirstOrDefault(a => a.Kind == kind && a.OwnerId == ownerId);
        if (agenda is null)
        {
            // Switched off: the error page says so (IsOnAsync leaves the sentence for it) rather than « introuvable ».
            await switches.IsOnAsync(ServiceKeys.Agenda, kind switch { AgendaKind.Class => ScopeType.Class, AgendaKind.School => ScopeType.School, _ => ScopeType.Group }, ownerId, ct);
            return Results.NotFound();
        }
        return Results.Redirect($"/agenda/{agenda.Id}");
    }
}
