using Preau.Web.Modules.News.Contracts;

namespace Preau.Web.Modules.News;

internal static class NewsModule
{
    public static void AddNews(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<NewsQueries>();
        builder.Services.AddScoped<IHomeNews>(s => s.GetRequiredService<NewsQueries>());
        builder.Services.AddScoped<NewsActions>();
        builder.Services.AddScoped<NewsPublishedHooks>();
        builder.Services.AddScoped<NewsAnnouncer>();
        if (builder.Configuration.GetValue("Preau:News:Announcer", true))
        {
            builder.Services.AddHostedService<NewsAnnouncementService>();
        }
    }
}
