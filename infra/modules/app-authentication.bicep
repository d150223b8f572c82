// App Service Authentication (authsettingsV2) with Entra ID in front of the Function App. It validates bearer tokens
// issued for the app registration and replaces any client-made X-MS-CLIENT-PRINCIPAL header, so the app can trust that
// header (Admin__TrustAppServiceAuthentication). Anonymous requests still pass: subscribe pages, feeds and webhooks
// are public; the admin endpoints check the role claim themselves.

@description('Name of the Function App.')
param functionAppName string

@description('Client id of the Entra ID app registration the admin tokens are issued for.')
@minLength(1)
param clientId string

resource app 'Microsoft.Web/sites@2024-04-01' existing = {
  name: functionAppName
}

resource authSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: app
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: false
      unauthenticatedClientAction: 'AllowAnonymous'
    }
    httpSettings: {
      requireHttps: true
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: clientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
        }
        validation: {
          allowedAudiences: [
            'api://${clientId}'
            clientId
          ]
        }
      }
    }
    login: {
      tokenStore: {
        enabled: false
      }
    }
  }
}
