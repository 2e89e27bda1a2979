using Preau.Web.Modules.Home.Newness;
using Preau.Web.Platform.PersonalData;

namespace Preau.Web.Modules.Home;

internal static class HomeModule
{
    public static void AddHome(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ServiceCatalog>();
        builder.Services.AddScoped<Dashboard.SpacesQuery>();
        builder.Services.AddScoped<Dashboard.ServiceSettingsCache>();
        builder.Services.AddScoped<Contracts.IServiceSwitches, ServiceSwitches>();
        builder.Services.AddSingleton<SpaceActivity>();
        builder.Services.AddSingleton<VisitMarks>();
        builder.Services.AddHostedService<VisitMarksWriter>();
        builder.Services.AddSingleton<NewItemsQuery>();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<NewItemsQuery>().Statement);
        builder.Services.AddSingleton<Contracts.IRememberedResults, RememberedResults>();
        // Told of every committed write to what the remembered statements read (ADR 0040, 0041); the context takes every IInterceptor.
        builder.Services.AddSingleton<SpaceActivityInterceptor>();
        builder.Services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(sp => sp.GetRequiredService<SpaceActivityInterceptor>());
        builder.Services.AddScoped<NewSinceLastVisit>();
        builder.Services.AddPersonalData<HomePersonalData>();
    }

    /// <summary>Marks the services of spaces people open (after authentication, so that the person is known).</summary>
    public static void UseHomeVisits(this WebApplication app) => app.Use(VisitMarking.MarkAsync);
}
