using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Monolith.Modules.Users.Data.Migrations
{
    /// <inheritdoc />
    public partial class QuotaLimits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "limits",
                schema: "users",
                table: "users",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "limits",
                schema: "users",
                table: "api_keys",
                type: "jsonb",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "limits",
                schema: "users",
                table: "users");

            migrationBuilder.DropColumn(
                name: "limits",
                schema: "users",
                table: "api_keys");
        }
    }
}
