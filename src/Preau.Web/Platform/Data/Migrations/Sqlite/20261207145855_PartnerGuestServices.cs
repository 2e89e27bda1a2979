using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Preau.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PartnerGuestServices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "GuestServices",
                table: "people_memberships",
                type: "TEXT",
                maxLength: 100,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "GuestServices",
                table: "people_memberships");
        }
    }
}
