namespace Preau.Web.Modules.Forums;

internal static class ForumsModule
{
    public static void AddForums(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ForumAccess>();
        builder.Services.AddScoped<ForumService>();
    }
}
