namespace Preau.Web.Modules.Home;

internal static class HomeModule
{
    public static void AddHome(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ServiceCatalog>();
        builder.Services.AddScoped<Dashboard.SpacesQuery>();
        builder.Services.AddScoped<Dashboard.ServiceSettingsCache>();
        builder.Services.AddScoped<Contracts.IServiceSwitches, ServiceSwitches>();
    }
}
