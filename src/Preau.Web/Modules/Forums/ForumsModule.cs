using Preau.Web.Platform.PersonalData;

namespace Preau.Web.Modules.Forums;

internal static class ForumsModule
{
    public static void AddForums(this WebApplicationBuilder builder)
    {
        builder.Services.AddPersonalData<ForumsPersonalData>();
        builder.Services.AddSingleton<Home.Contracts.INewItemsSource, ForumNewItems>();
        builder.Services.AddScoped<ForumAccess>();
        builder.Services.AddScoped<ForumService>();
    }
}
