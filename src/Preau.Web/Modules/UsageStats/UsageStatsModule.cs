using Microsoft.EntityFrameworkCore.Diagnostics;
using Preau.Web.Modules.People.Data;
using Preau.Web.Modules.UsageStats.Capture;
using Preau.Web.Modules.UsageStats.Contracts;
using Preau.Web.Modules.UsageStats.Dashboard;
using Preau.Web.Modules.UsageStats.Rollup;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.PersonalData;

namespace Preau.Web.Modules.UsageStats;

/// <summary>
/// Usage statistics (ADR 0014): uses captured centrally (saved rows, pages of services, logins), written in batches
/// off the request path, rolled up each night into aggregates without personal data, read by the dashboards.
/// </summary>
internal static class UsageStatsModule
{
    /// <summary>Who may open a dashboard at all; which scopes they see is decided by <see cref="UsageScopes"/>.</summary>
    public const string Policy = "UsageStatsReaders";

    public static void AddUsageStats(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Preau:UsageStats");
        builder.Services.AddSingleton<UsageEventQueue>();
        builder.Services.AddSingleton<IUsageRecorder>(sp => sp.GetRequiredService<UsageEventQueue>());
        builder.Services.AddSingleton<UsageCaptureInterceptor>();
        builder.Services.AddPersonalDataErasure<UsagePersonalData>();
        builder.Services.AddSingleton<IInterceptor>(sp => sp.GetRequiredService<UsageCaptureInterceptor>());
        builder.Services.AddSingleton<UsageEventWriter>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<UsageEventWriter>());
        if (section.GetValue("Rollup", true))
        {
            builder.Services.AddHostedService<UsageRollupService>();
        }
        builder.Services.AddScoped<UsageRollup>();
        builder.Services.AddScoped<UsageScopes>();
        builder.Services.AddScoped<UsageReport>();
        builder.Services.AddScoped<IUsageStatsDemo, Bench.UsageStatsDemo>();
        builder.Services.AddAuthorizationBuilder().AddPolicy(Policy, p => p.RequireAuthenticatedUser()
            .AddRequirements(new RoleRequirement(Role.TerritoryAdmin, Role.Advisor, Role.MunicipalAgent, Role.Director)));
    }

    /// <summary>Counts the pages of services people open (after authentication, so that the person is known).</summary>
    public static void UseUsageStats(this WebApplication app)
    {
        if (app.Configuration.GetValue("Preau:UsageStats:PageViews", true))
        {
            app.Use(UsagePageViews.CountAsync);
        }
    }
}
