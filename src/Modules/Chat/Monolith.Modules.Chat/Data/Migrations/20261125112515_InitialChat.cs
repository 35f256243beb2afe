using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Monolith.Modules.Chat.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialChat : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The module owns its schema from day one, before it has tables.
            migrationBuilder.EnsureSchema(name: "chat");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
