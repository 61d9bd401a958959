//! `GET /metrics`: the engine's Prometheus metrics, to a client on this computer only. Through
//! the tunnel the path is not public (404 before it gets here); on the local listener a client
//! from another address (the listener can be bound beyond loopback) gets a 404 too, and so does
//! a request whose peer is not known.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::WebhookState;

pub(super) async fn metrics(State(state): State<WebhookState>, req: Request) -> Response {
    let local = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .is_some_and(|ConnectInfo(addr)| addr.ip().is_loopback());
    if !local {
        return StatusCode::NOT_FOUND.into_response();
    }
    (
        [(header::CONTENT_TYPE, crate::metrics::CONTENT_TYPE)],
        state.metrics().render().await,
    )
        .into_response()
}
