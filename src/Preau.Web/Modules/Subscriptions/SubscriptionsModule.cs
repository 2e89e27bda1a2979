namespace Preau.Web.Modules.Subscriptions;

internal static class SubscriptionsModule
{
    public static void AddSubscriptions(this WebApplicationBuilder builder)
    {
        builder.Services.AddMemoryCache();
        builder.Services.AddScoped<SchoolCoverage>();
        builder.Services.AddScoped<LapsedBanner>();
        builder.Services.AddScoped<SubscriptionOverview>();
        builder.Services.AddScoped<SubscriptionActions>();
    }

    /// <summary>After authentication: lapsed schools become read-only for their people (off unless the territory switches it on).</summary>
    public static void UseSubscriptions(this WebApplication app) => app.UseMiddleware<ReadOnlyGuard>();
}
