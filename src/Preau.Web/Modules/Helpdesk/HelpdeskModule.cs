using Preau.Web.Modules.Files.Contracts;
using Preau.Web.Modules.Helpdesk.Impersonation;
using Preau.Web.Platform.PersonalData;

namespace Preau.Web.Modules.Helpdesk;

internal static class HelpdeskModule
{
    public static void AddHelpdesk(this WebApplicationBuilder builder)
    {
        builder.Services.AddPersonalData<HelpdeskPersonalData>();
        builder.Services.AddScoped<HelpdeskAccess>();
        builder.Services.AddScoped<HelpdeskService>();
        builder.Services.AddScoped<IFileAccessPolicy, TicketFileAccess>();
        builder.Services.AddHostedService<Platform.Audit.AuditRetention>();
    }

    /// <summary>Between authentication and authorization: a request of an agent acting for someone runs as that person.</summary>
    public static void UseHelpdeskImpersonation(this WebApplication app) => app.UseMiddleware<ImpersonationMiddleware>();
}
