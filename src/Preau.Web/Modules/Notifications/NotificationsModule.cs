using Preau.Web.Modules.Notifications.Contracts;

namespace Preau.Web.Modules.Notifications;

internal static class NotificationsModule
{
    public static void AddNotifications(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(builder.Configuration.GetSection("Preau:Notifications").Get<NotificationOptions>() ?? new NotificationOptions());
        builder.Services.AddSignalR();
        builder.Services.AddSingleton<DispatchSignal>();
        builder.Services.AddScoped<INotifier, Notifier>();
        builder.Services.AddScoped<UnreadCounter>();
        builder.Services.AddScoped<INotificationReads, NotificationReads>();
        builder.Services.AddSingleton<NotificationDispatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<NotificationDispatcher>());
        builder.Services.AddHostedService<NotificationRetention>();
    }

    public static void MapNotifications(this WebApplication app) =>
        app.MapHub<NotificationHub>(NotificationHub.Path);
}
