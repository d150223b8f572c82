// The user-assigned managed identity the Function App runs as. Every data-plane permission is granted to it.

@description('Location of the identity.')
param location string

@description('Tags applied to the identity.')
param tags object

@description('Name of the identity.')
param name string

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
