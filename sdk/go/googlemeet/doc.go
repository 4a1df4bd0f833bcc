// Google Meet meeting spaces and their members as Pulumi resources: settings with minimal update masks, authoritative members, adoption and import of existing spaces.
package googlemeet
